using System.CommandLine;
using FastLwm2m.Control.V1;

namespace FastLwm2m.Cli.Internal;

/// <summary><c>attributes get|set</c>: a device's attribute values, and shared attribute writes.</summary>
internal static class AttributesCommands
{
    public static Command Build(GlobalOptions options, CliConsole console)
    {
        var attributes = new Command("attributes", "A device's attributes (latest values) and shared attribute writes.");
        attributes.Subcommands.Add(Get(options, console));
        attributes.Subcommands.Add(Set(options, console));
        return attributes;
    }

    private static Argument<string> DeviceArgument() => new("DEVICE") { Description = "The device endpoint, or its id (a UUID)." };

    private static Command Get(GlobalOptions options, CliConsole console)
    {
        var device = DeviceArgument();
        var command = new Command("get", "The latest value of every attribute key.") { device };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Attributes.AttributesClient(session.Channel);
            GetAttributesResponse response = await client.GetAsync(
                new GetAttributesRequest { Device = Formats.Device(parsed.GetValue(device)!) }, session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
                return ExitCodes.Ok;
            }

            var table = new Table("KEY", "TIME", "VALUE");
            foreach (var a in response.Attributes)
            {
                table.Add(a.Key, Formats.Time(a.Time), Formats.Value(a.Value));
            }

            table.WriteTo(session.Console.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Set(GlobalOptions options, CliConsole console)
    {
        var device = DeviceArgument();
        var key = new Argument<string>("KEY") { Description = "The attribute key, as the device's profile names it." };
        var value = new Argument<string>("JSON") { Description = "The value as JSON, e.g. '\"+2\"', 42, true." };
        var command = new Command("set", "Write a shared attribute to the device (now, or queued while it sleeps); prints the JSON result.") { device, key, value };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Attributes.AttributesClient(session.Channel);
            UpdateAttributeResponse response = await client.UpdateAsync(new UpdateAttributeRequest
            {
                Device = Formats.Device(parsed.GetValue(device)!),
                Key = parsed.GetValue(key)!,
                ValueJson = parsed.GetValue(value)!,
            }, session.Call(ct));
            session.WriteJsonText(response.ResultJson);
            if (response.Success)
            {
                return ExitCodes.Ok;
            }

            await session.Console.Error.WriteLineAsync($"error: the device answered {response.Result}");
            return ExitCodes.Device;
        });
        return command;
    }
}
