// A minimal server for the crash test: LwM2M on 127.0.0.1 (port printed on stdout), every
// registration observed on /3/0/9, notifications → telemetry pipeline → SQLite, ACK after commit.
using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Storage.Sqlite;
using FastLwm2m.Transport;

using var database = await SqliteDatabase.OpenAsync(args[0]);
var pipeline = new TelemetryPipeline(new SqliteTelemetryStore(database));
var server = new Lwm2mServer(new Lwm2mServerOptions
{
    Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
    DeferNotificationAcknowledgement = true,
});
server.NotificationHandler = n =>
{
    if (n.Content is not Lwm2mSingleResource resource)
    {
        n.Acknowledgement?.Acknowledge();
        return true;
    }

    var point = new TelemetryPoint(n.Observation.Endpoint, "batteryLevel", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), resource.Value);
    if (!pipeline.TryOffer([point], n.Acknowledgement))
    {
        n.Acknowledgement?.Reject();
        return false;
    }

    return true;
};
server.Registrations.Registered += (registration, replaced) =>
{
    Task.Run(() => server.ObserveAsync(registration, Lwm2mPath.Resource(3, 0, 9), CoapContentFormat.TextPlain));
};
server.Coap.HandlerFailed += e => Console.Error.WriteLine($"handler failed: {e}");
server.NotificationReceived += n => Console.Error.WriteLine($"notification {n.Sequence} {n.Code} content={n.Content} ack={(n.Acknowledgement is null ? "none" : "deferred")} error={n.ErrorMessage}");
server.Start();
Console.WriteLine($"PORT {server.LocalEndPoint.Port}");
Console.Out.Flush();
await Task.Delay(Timeout.Infinite);
