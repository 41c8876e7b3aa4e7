using System.CommandLine;
using FastLwm2m.Control.V1;

namespace FastLwm2m.Cli.Internal;

/// <summary><c>queue list DEVICE | show ID | cancel ID</c>: requests waiting for sleeping queue-mode devices, and what became of them.</summary>
internal static class QueueCommands
{
    public static Command Build(GlobalOptions options, CliConsole console)
    {
        var queue = new Command("queue", "Requests queued for sleeping queue-mode devices (RPCs and shared attribute writes answered QUEUED).");
        queue.Subcommands.Add(List(options, console));
        queue.Subcommands.Add(Show(options, console));
        queue.Subcommands.Add(Cancel(options, console));
        return queue;
    }

    private static Command List(GlobalOptions options, CliConsole console)
    {
        var device = new Argument<string>("DEVICE") { Description = "The device endpoint, or its id (a UUID)." };
        var command = new Command("list", "List the requests waiting for a device, next to go first.") { device };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Rpc.RpcClient(session.Channel);
            ListQueuedResponse response = await client.ListQueuedAsync(
                new ListQueuedRequest { Device = Formats.Device(parsed.GetValue(device)!) }, session.Call(ct));
            if (session.Json)
            {
                session.WriteJson(response);
                return ExitCodes.Ok;
            }

            var table = new Table("ID", "KIND", "METHOD", "PARAMS", "QUEUED", "EXPIRES");
            foreach (QueuedRequest r in response.Requests)
            {
                table.Add(r.RequestId, r.Kind, r.Method, r.ParamsJson, Formats.Time(r.EnqueuedAt), Formats.Time(r.ExpiresAt));
            }

            table.WriteTo(session.Console.Out);
            session.Console.Out.WriteLine($"{response.Requests.Count} queued, {response.ExpiredTotal} expired in total");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions options, CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The request id the QUEUED result gave." };
        var command = new Command("show", "Show a queued request: still queued, delivered (with the device's result), expired or cancelled.") { id };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Rpc.RpcClient(session.Channel);
            QueuedRequest request = await client.GetQueuedAsync(new GetQueuedRequest { RequestId = RequestId(parsed.GetValue(id)!) }, session.Call(ct));
            Write(session, request);

            // Like `rpc`: a request that did not reach the device, or that the device refused, is a device error.
            return request.State switch
            {
                QueuedRequestState.Queued => ExitCodes.Ok,
                QueuedRequestState.Delivered when DeliveredWithSuccess(request.ResultJson) => ExitCodes.Ok,
                _ => ExitCodes.Device,
            };
        });
        return command;
    }

    private static Command Cancel(GlobalOptions options, CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The request id the QUEUED result gave." };
        var command = new Command("cancel", "Remove a request from the queue before it is sent.") { id };
        command.SetBody(options, console, async (parsed, session, ct) =>
        {
            var client = new Rpc.RpcClient(session.Channel);
            QueuedRequest request = await client.CancelQueuedAsync(new CancelQueuedRequest { RequestId = RequestId(parsed.GetValue(id)!) }, session.Call(ct));
            Write(session, request);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string RequestId(string text) =>
        Guid.TryParse(text, out Guid id) ? id.ToString() : throw new UsageException($"ID: expected the request id (a UUID) of a QUEUED result, got \"{text}\"");

    private static void Write(CliSession session, QueuedRequest r)
    {
        if (session.Json)
        {
            session.WriteJson(r);
            return;
        }

        new Table("FIELD", "VALUE")
            .Add("id", r.RequestId)
            .Add("device", r.Endpoint)
            .Add("state", State(r.State))
            .Add("kind", r.Kind)
            .Add("method", r.Method)
            .Add("params", r.ParamsJson)
            .Add("queued", Formats.Time(r.EnqueuedAt))
            .Add("expires", Formats.Time(r.ExpiresAt))
            .Add("completed", r.CompletedAt is null ? "" : Formats.Time(r.CompletedAt))
            .Add("result", r.ResultJson)
            .WriteTo(session.Console.Out);
    }

    private static string State(QueuedRequestState state) => state switch
    {
        QueuedRequestState.Queued => "queued",
        QueuedRequestState.Delivered => "delivered",
        QueuedRequestState.Expired => "expired",
        QueuedRequestState.Cancelled => "cancelled",
        _ => "unknown",
    };

    // The guide's result names of success: CONTENT, CHANGED, CREATED, DELETED...
    private static bool DeliveredWithSuccess(string resultJson)
    {
        using var json = System.Text.Json.JsonDocument.Parse(resultJson);
        return !json.RootElement.TryGetProperty("error", out _);
    }
}
