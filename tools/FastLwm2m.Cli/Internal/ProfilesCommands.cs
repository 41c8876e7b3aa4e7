using System.CommandLine;
using FastLwm2m.Control.V1;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Cli.Internal;

/// <summary><c>profiles create|list|show|delete</c>: device profiles, their transport configuration as JSON.</summary>
internal static class ProfilesCommands
{
    public static Command Build(GlobalOptions options, CliConsole console)
    {
        var profiles = new Command("profiles", "Device profiles: which resources are attributes and telemetry, observe and OTA settings.");
        profiles.Subcommands.Add(Create(options, console));
        profiles.Subcommands.Add(List(options, console));
        profiles.Subcommands.Add(Show(options, console));
        profiles.Subcommands.Add(Delete(options, console));
        return profiles;
    }

    private static Command Create(GlobalOptions options, CliConsole console)
    {
        var file = new Option<string?>("--file", "-f") { Description = "The transport configuration, a JSON file in the profile JSON form (objects, observeStrategy, ...)." };
        var builtIn = new Option<string?>("--default") { Description = "Create the built-in default profile (device identity, battery, signal, location) under this name." };
        var name = new Option<string?>("--name") { Description = "The profile name with --file; default: the file name without extension." };
        var description = new Option<string?>("--description") { Description = "A free text description." };
        var command = new Command("create", "Create a profile from --file or the built-in --default NAME.") { file, builtIn, name, description };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            string? path = parsed.GetValue(file);
            string? defaultName = parsed.GetValue(builtIn);
            if ((path is null) == (defaultName is null))
            {
                throw new UsageException("choose one of --file FILE or --default NAME");
            }

            CreateProfileRequest request;
            if (defaultName is not null)
            {
                if (parsed.GetValue(name) is not null)
                {
                    throw new UsageException("--name goes with --file; --default takes the name itself");
                }

                DeviceProfile profile = DeviceProfiles.CreateDefault(TenantId.System);
                request = new CreateProfileRequest
                {
                    Name = defaultName,
                    Description = parsed.GetValue(description) ?? profile.Description,
                    ProfileJson = DeviceProfileJson.Serialize(profile.Transport),
                };
            }
            else
            {
                if (!File.Exists(path))
                {
                    throw new UsageException($"--file: no such file \"{path}\"");
                }

                request = new CreateProfileRequest
                {
                    Name = parsed.GetValue(name) ?? Path.GetFileNameWithoutExtension(path),
                    Description = parsed.GetValue(description) ?? "",
                    ProfileJson = await File.ReadAllTextAsync(path!, ct),
                };
            }

            var client = new Profiles.ProfilesClient(session.Channel);
            CreateProfileResponse response = await client.CreateAsync(request, session.Call(ct));
            WriteProfile(session, response.Profile, response);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions options, CliConsole console)
    {
        var command = new Command("list", "List the caller's profiles.");
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Profiles.ProfilesClient(session.Channel);
            ListProfilesResponse response = await client.ListAsync(new ListProfilesRequest(), session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
                return ExitCodes.Ok;
            }

            var table = new Table("NAME", "UPDATED", "ID", "DESCRIPTION");
            foreach (var p in response.Profiles)
            {
                table.Add(p.Name, Formats.Time(p.UpdatedAt), p.Id, p.Description);
            }

            table.WriteTo(session.Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions options, CliConsole console)
    {
        var profile = new Argument<string>("PROFILE") { Description = "The profile id (a UUID), or its name." };
        var command = new Command("show", "Show one profile with its transport configuration.") { profile };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            string text = parsed.GetValue(profile)!;
            var request = Guid.TryParse(text, out _) ? new GetProfileRequest { Id = text } : new GetProfileRequest { Name = text };
            var client = new Profiles.ProfilesClient(session.Channel);
            GetProfileResponse response = await client.GetAsync(request, session.Call(ct));
            WriteProfile(session, response.Profile, response);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(GlobalOptions options, CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The profile id (a UUID)." };
        var command = new Command("delete", "Delete one profile.") { id };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            string text = parsed.GetValue(id)!;
            if (!Guid.TryParse(text, out _))
            {
                throw new UsageException($"ID: expected a UUID, got \"{text}\"");
            }

            var client = new Profiles.ProfilesClient(session.Channel);
            DeleteProfileResponse response = await client.DeleteAsync(new DeleteProfileRequest { Id = text }, session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
            }
            else
            {
                await session.Console.Out.WriteLineAsync($"deleted {response.Deleted.Name} ({response.Deleted.Id})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteProfile(CliSession session, Profile p, Google.Protobuf.IMessage response)
    {
        if (session.Json)
        {
            session.WriteJson(response);
            return;
        }

        new Table("FIELD", "VALUE")
            .Add("id", p.Id)
            .Add("name", p.Name)
            .Add("description", p.Description)
            .Add("updated", Formats.Time(p.UpdatedAt))
            .WriteTo(session.Console.Out);
        session.WriteJsonText(p.ProfileJson);
    }
}
