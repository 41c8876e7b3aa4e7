using System.CommandLine;
using FastLwm2m.Control.V1;
using Grpc.Core;

namespace FastLwm2m.Cli.Internal;

/// <summary><c>events</c>: the live tail of the Events stream.</summary>
internal static class EventsCommands
{
    private static readonly string[] s_kindNames = ["registration", "deregistration", "telemetry", "attribute", "log"];

    public static Command Build(GlobalOptions options, CliConsole console)
    {
        var devices = new Option<string[]>("--device", "-d") { Description = "Only this device endpoint (repeatable); default: every device.", AllowMultipleArgumentsPerToken = false };
        var profile = new Option<string?>("--profile") { Description = "Only devices of this profile (its id)." };
        var kinds = new Option<string[]>("--kind", "-k") { Description = "Only this kind (repeatable): " + string.Join('|', s_kindNames) + "; default: all." };
        kinds.AcceptOnlyFromAmong(s_kindNames);
        var count = new Option<int>("--count", "-n") { Description = "Stop after this many events; 0 (the default): until Ctrl-C or the stream ends." };
        var command = new Command("events", "Live tail of registrations, de-registrations, telemetry, attribute changes and transport log lines.") { devices, profile, kinds, count };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            int n = parsed.GetValue(count);
            if (n < 0)
            {
                throw new UsageException($"--count: expected 0 or more, got {n}");
            }

            var request = new SubscribeRequest { ProfileId = parsed.GetValue(profile) ?? "" };
            request.Devices.AddRange(parsed.GetValue(devices) ?? []);
            request.Kinds.AddRange((parsed.GetValue(kinds) ?? []).Select(Kind));

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var client = new Events.EventsClient(session.Channel);
            using AsyncServerStreamingCall<Event> call = client.Subscribe(request, session.StreamCall(cancel.Token));
            int received = 0;
            try
            {
                await foreach (Event e in call.ResponseStream.ReadAllAsync(cancel.Token))
                {
                    if (session.Json)
                    {
                        session.WriteJson(e);
                    }
                    else
                    {
                        await session.Console.Out.WriteLineAsync(Line(e));
                    }

                    if (n > 0 && ++received >= n)
                    {
                        break;
                    }
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
            {
                // Ctrl-C: a normal end of a live tail.
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C: a normal end of a live tail.
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static EventKind Kind(string name) => name switch
    {
        "registration" => EventKind.Registration,
        "deregistration" => EventKind.Deregistration,
        "telemetry" => EventKind.Telemetry,
        "attribute" => EventKind.Attribute,
        "log" => EventKind.Log,
        _ => throw new UsageException($"--kind: expected one of {string.Join(", ", s_kindNames)}, got \"{name}\""),
    };

    /// <summary>One line: time, kind, endpoint, details.</summary>
    private static string Line(Event e)
    {
        string details = e.BodyCase switch
        {
            Event.BodyOneofCase.Registration => $"id={e.Registration.RegistrationId} lwm2m={e.Registration.Lwm2MVersion} lt={e.Registration.LifetimeSeconds}",
            Event.BodyOneofCase.Deregistration => $"id={e.Deregistration.RegistrationId} reason={e.Deregistration.Reason}",
            Event.BodyOneofCase.Telemetry => string.Join(' ', e.Telemetry.Points.Select(p => $"{p.Key}={Formats.Value(p.Value)}")),
            Event.BodyOneofCase.Attribute => $"{e.Attribute.Key}={Formats.Value(e.Attribute.Value)}",
            Event.BodyOneofCase.Log => e.Log.Message,
            _ => "",
        };
        string kind = e.Kind switch
        {
            EventKind.Registration => "registration",
            EventKind.Deregistration => "deregistration",
            EventKind.Telemetry => "telemetry",
            EventKind.Attribute => "attribute",
            EventKind.Log => "log",
            _ => "?",
        };
        return $"{Formats.Time(e.Timestamp)}  {kind,-14}  {e.Endpoint}  {details}";
    }
}
