using System.CommandLine;
using FastLwm2m.Control.V1;
using Google.Protobuf.WellKnownTypes;

namespace FastLwm2m.Cli.Internal;

/// <summary><c>telemetry latest|history</c> and <c>log</c> (the transport log).</summary>
internal static class TelemetryCommands
{
    public static Command Build(GlobalOptions options, CliConsole console)
    {
        var telemetry = new Command("telemetry", "The telemetry the profile's mapping recorded for a device.");
        telemetry.Subcommands.Add(Latest(options, console));
        telemetry.Subcommands.Add(History(options, console));
        return telemetry;
    }

    public static Command BuildLog(GlobalOptions options, CliConsole console)
    {
        var device = DeviceArgument();
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many of the latest lines (1..10000).", DefaultValueFactory = _ => 100 };
        var command = new Command("log", "The device's transport log (registrations, requests, responses), oldest first.") { device, limit };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            int n = parsed.GetValue(limit);
            if (n is < 1 or > 10_000)
            {
                throw new UsageException($"--limit: expected 1..10000, got {n}");
            }

            var client = new TransportLog.TransportLogClient(session.Channel);
            GetTransportLogResponse response = await client.GetAsync(
                new GetTransportLogRequest { Device = Formats.Device(parsed.GetValue(device)!), Limit = n }, session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
                return ExitCodes.Ok;
            }

            foreach (var entry in response.Entries)
            {
                await session.Console.Out.WriteLineAsync($"{Formats.Time(entry.Time)}  {entry.Message}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Argument<string> DeviceArgument() => new("DEVICE") { Description = "The device endpoint, or its id (a UUID)." };

    private static Command Latest(GlobalOptions options, CliConsole console)
    {
        var device = DeviceArgument();
        var command = new Command("latest", "The latest value of every telemetry key.") { device };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Telemetry.TelemetryClient(session.Channel);
            LatestTelemetryResponse response = await client.LatestAsync(
                new LatestTelemetryRequest { Device = Formats.Device(parsed.GetValue(device)!) }, session.Call(ct));
            WritePoints(session, response.Points, response);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command History(GlobalOptions options, CliConsole console)
    {
        var device = DeviceArgument();
        var key = new Argument<string>("KEY") { Description = "The telemetry key, e.g. temperature." };
        var from = new Option<string?>("--from") { Description = "Start, inclusive: ISO 8601 or Unix ms; default: 24 hours ago." };
        var to = new Option<string?>("--to") { Description = "End, exclusive: ISO 8601 or Unix ms; default: now." };
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many points (1..10000).", DefaultValueFactory = _ => 10_000 };
        var command = new Command("history", "The values of one key in a time range, oldest first.") { device, key, from, to, limit };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            DateTimeOffset start = parsed.GetValue(from) is { } f ? Formats.ParseTime("--from", f) : now.AddDays(-1);
            DateTimeOffset end = parsed.GetValue(to) is { } t ? Formats.ParseTime("--to", t) : now.AddMilliseconds(1);
            int n = parsed.GetValue(limit);
            if (n is < 1 or > 10_000)
            {
                throw new UsageException($"--limit: expected 1..10000, got {n}");
            }

            var client = new Telemetry.TelemetryClient(session.Channel);
            TelemetryHistoryResponse response = await client.HistoryAsync(new TelemetryHistoryRequest
            {
                Device = Formats.Device(parsed.GetValue(device)!),
                Key = parsed.GetValue(key)!,
                From = Timestamp.FromDateTimeOffset(start),
                To = Timestamp.FromDateTimeOffset(end),
                Limit = n,
            }, session.Call(ct));
            WritePoints(session, response.Points, response);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WritePoints(CliSession session, IEnumerable<TelemetryPoint> points, Google.Protobuf.IMessage response)
    {
        if (session.Json)
        {
            session.WriteJson(response);
            return;
        }

        var table = new Table("KEY", "TIME", "VALUE");
        foreach (var p in points)
        {
            table.Add(p.Key, Formats.Time(p.Time), Formats.Value(p.Value));
        }

        table.WriteTo(session.Console.Out);
    }
}
