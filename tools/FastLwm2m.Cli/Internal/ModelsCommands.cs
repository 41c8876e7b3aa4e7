using System.CommandLine;
using FastLwm2m.Control.V1;
using Google.Protobuf;

namespace FastLwm2m.Cli.Internal;

/// <summary><c>models upload|list|delete</c>: the object model library (OMA DDF XML files).</summary>
internal static class ModelsCommands
{
    public static Command Build(GlobalOptions options, CliConsole console)
    {
        var models = new Command("models", "The LwM2M object models (DDF XML files) the server knows.");
        models.Subcommands.Add(Upload(options, console));
        models.Subcommands.Add(List(options, console));
        models.Subcommands.Add(Delete(options, console));
        return models;
    }

    private static Command Upload(GlobalOptions options, CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "DDF XML files; all are accepted or none.", Arity = ArgumentArity.OneOrMore };
        var scope = new Option<string?>("--scope") { Description = "system or tenant; default: the caller's own level." };
        scope.AcceptOnlyFromAmong("system", "tenant");
        var command = new Command("upload", "Upload DDF XML files.") { files, scope };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var request = new UploadModelsRequest
            {
                Scope = parsed.GetValue(scope) switch { "system" => ModelScope.System, "tenant" => ModelScope.Tenant, _ => ModelScope.Unspecified },
            };
            foreach (string path in parsed.GetValue(files) ?? [])
            {
                if (!File.Exists(path))
                {
                    throw new UsageException($"FILE: no such file \"{path}\"");
                }

                request.Files.Add(new ModelFile { Name = Path.GetFileName(path), Content = ByteString.CopyFrom(await File.ReadAllBytesAsync(path, ct)) });
            }

            var client = new Models.ModelsClient(session.Channel);
            UploadModelsResponse response = await client.UploadAsync(request, session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
                return ExitCodes.Ok;
            }

            var table = new Table("CHANGE", "OBJECT", "VERSION", "NAME", "SCOPE", "FILE");
            foreach (var m in response.Added)
            {
                table.Add("added", m.ObjectId.ToString(), m.Version, m.Name, Formats.Scope(m.Scope), m.FileName);
            }

            foreach (var m in response.Replaced)
            {
                table.Add("replaced", m.ObjectId.ToString(), m.Version, m.Name, Formats.Scope(m.Scope), m.FileName);
            }

            table.WriteTo(session.Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions options, CliConsole console)
    {
        var command = new Command("list", "List the models the caller sees.");
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Models.ModelsClient(session.Channel);
            ListModelsResponse response = await client.ListAsync(new ListModelsRequest(), session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
                return ExitCodes.Ok;
            }

            var table = new Table("OBJECT", "VERSION", "NAME", "SCOPE", "FILE", "UPDATED");
            foreach (var m in response.Models)
            {
                table.Add(m.ObjectId.ToString(), m.Version, m.Name, Formats.Scope(m.Scope), m.FileName, Formats.Time(m.UpdatedAt));
            }

            table.WriteTo(session.Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(GlobalOptions options, CliConsole console)
    {
        var objectId = new Argument<int>("OBJECT-ID") { Description = "The LwM2M object id, e.g. 3303." };
        var version = new Option<string>("--version") { Description = "The object version, major.minor.", DefaultValueFactory = _ => "1.0" };
        var command = new Command("delete", "Delete a model of the caller's scope.") { objectId, version };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Models.ModelsClient(session.Channel);
            DeleteModelResponse response = await client.DeleteAsync(
                new DeleteModelRequest { ObjectId = parsed.GetValue(objectId), Version = parsed.GetValue(version) ?? "" }, session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
            }
            else
            {
                session.Console.Out.WriteLine($"deleted {response.Deleted.ObjectId} {response.Deleted.Version} ({response.Deleted.Name})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
