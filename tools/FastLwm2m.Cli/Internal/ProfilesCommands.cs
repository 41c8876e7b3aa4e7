using System.CommandLine;
using FastLwm2m.Control.V1;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Cli.Internal;

/// <summary><c>profiles create|list|show|set|delete</c>: device profiles, their transport configuration as JSON.</summary>
internal static class ProfilesCommands
{
    public static Command Build(GlobalOptions options, CliConsole console)
    {
        var profiles = new Command("profiles", "Device profiles: which resources are attributes and telemetry, observe and OTA settings.");
        profiles.Subcommands.Add(Create(options, console));
        profiles.Subcommands.Add(List(options, console));
        profiles.Subcommands.Add(Show(options, console));
        profiles.Subcommands.Add(Set(options, console));
        profiles.Subcommands.Add(Delete(options, console));
        return profiles;
    }

    private static Command Create(GlobalOptions options, CliConsole console)
    {
        var file = new Option<string?>("--file", "-f") { Description = "The transport configuration, a JSON file in the profile JSON form (objects, observeStrategy, ...), or the same as YAML (.yaml, .yml)." };
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

                string text = await File.ReadAllTextAsync(path!, ct);
                request = new CreateProfileRequest
                {
                    Name = parsed.GetValue(name) ?? Path.GetFileNameWithoutExtension(path),
                    Description = parsed.GetValue(description) ?? "",
                    ProfileJson = YamlJson.IsYamlPath(path!) ? YamlJson.ToJson(text, "--file") : text,
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

    private static Command Set(GlobalOptions options, CliConsole console)
    {
        var profile = new Argument<string>("PROFILE") { Description = "The profile id (a UUID), or its name." };
        var addObject = new Option<string[]>("--add-object") { Description = "Add an object with no resources yet, e.g. 3_1.2 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var attribute = new Option<string[]>("--attribute") { Description = "Map a resource as an attribute, optionally with its key: /3_1.2/0/0[=manufacturer] (repeatable)." };
        var telemetry = new Option<string[]>("--telemetry") { Description = "Map a resource as telemetry, optionally with its key: /3_1.2/0/9[=battery] (repeatable)." };
        var observe = new Option<string[]>("--observe") { Description = "Observe a mapped resource, or map it as telemetry and observe it: /4_1.3/0/2 (repeatable)." };
        var unmap = new Option<string[]>("--unmap") { Description = "Remove a resource from the profile: /3_1.2/0/0 (repeatable)." };
        var strategy = new Option<string?>("--strategy") { Description = "The observe strategy: single, composite-all or composite-by-object." };
        var initWithObserve = new Option<bool?>("--init-with-observe") { Description = "true: initialize values by observing; false: by reading at registration." };
        var rename = new Option<string?>("--name") { Description = "A new name for the profile." };
        var description = new Option<string?>("--description") { Description = "A new description." };
        var command = new Command("set", "Edit a profile: map resources as attributes or telemetry, observe, unmap, observe strategy.")
        {
            profile, addObject, attribute, telemetry, observe, unmap, strategy, initWithObserve, rename, description,
        };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            string[] addObjects = parsed.GetValue(addObject) ?? [];
            string[] attributes = parsed.GetValue(attribute) ?? [];
            string[] telemetries = parsed.GetValue(telemetry) ?? [];
            string[] observes = parsed.GetValue(observe) ?? [];
            string[] unmaps = parsed.GetValue(unmap) ?? [];
            string? strategyText = parsed.GetValue(strategy);
            bool? init = parsed.GetValue(initWithObserve);
            string? newName = parsed.GetValue(rename);
            string? newDescription = parsed.GetValue(description);

            // Everything is checked before anything is sent.
            var objectRefs = addObjects.Select(t => ProfileEdits.ParseObject("--add-object", t)).ToList();
            var unmapRefs = unmaps.Select(t => ProfileEdits.ParseResource("--unmap", t, allowKey: false)).ToList();
            var attributeRefs = attributes.Select(t => ProfileEdits.ParseResource("--attribute", t, allowKey: true)).ToList();
            var telemetryRefs = telemetries.Select(t => ProfileEdits.ParseResource("--telemetry", t, allowKey: true)).ToList();
            var observeRefs = observes.Select(t => ProfileEdits.ParseResource("--observe", t, allowKey: false)).ToList();
            string? strategyJson = strategyText is null ? null : ProfileEdits.ParseStrategy(strategyText);
            if (newName is not null && string.IsNullOrWhiteSpace(newName))
            {
                throw new UsageException("--name: must not be empty");
            }

            if (objectRefs.Count + unmapRefs.Count + attributeRefs.Count + telemetryRefs.Count + observeRefs.Count == 0
                && strategyJson is null && init is null && newName is null && newDescription is null)
            {
                throw new UsageException("nothing to change: give --add-object, --attribute, --telemetry, --observe, --unmap, --strategy, --init-with-observe, --name or --description");
            }

            string text = parsed.GetValue(profile)!;
            var getRequest = Guid.TryParse(text, out _) ? new GetProfileRequest { Id = text } : new GetProfileRequest { Name = text };
            var client = new Profiles.ProfilesClient(session.Channel);
            Profile current = (await client.GetAsync(getRequest, session.Call(ct))).Profile;

            System.Text.Json.Nodes.JsonObject root;
            try
            {
                root = ProfileEdits.ParseConfiguration(current.ProfileJson);
            }
            catch (System.Text.Json.JsonException e)
            {
                await session.Console.Error.WriteLineAsync($"error: the stored profile JSON is not readable: {e.Message}");
                return ExitCodes.Server;
            }

            foreach (var o in objectRefs)
            {
                ProfileEdits.AddObject(root, o);
            }

            foreach (var r in unmapRefs)
            {
                ProfileEdits.Unmap(root, r);
            }

            foreach (var r in attributeRefs)
            {
                ProfileEdits.Mark(root, r, "attribute", "--attribute");
            }

            foreach (var r in telemetryRefs)
            {
                ProfileEdits.Mark(root, r, "telemetry", "--telemetry");
            }

            foreach (var r in observeRefs)
            {
                ProfileEdits.Observe(root, r);
            }

            if (strategyJson is not null)
            {
                root["observeStrategy"] = strategyJson;
            }

            if (init is not null)
            {
                root["initializeWithObserve"] = init.Value;
            }

            var update = new UpdateProfileRequest
            {
                Id = current.Id,
                Name = newName ?? current.Name,
                Description = newDescription ?? current.Description,
                ProfileJson = root.ToJsonString(),
            };
            UpdateProfileResponse response = await client.UpdateAsync(update, session.Call(ct));
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
