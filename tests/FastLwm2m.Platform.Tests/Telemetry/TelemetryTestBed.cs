using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Transport;

namespace FastLwm2m.Platform.Tests.Telemetry;

/// <summary>
/// A server that defers notification ACKs and feeds a telemetry pipeline (/3/0/9 → "batteryLevel"),
/// and a client that sends confirmable notifications with a short ACK timeout, observed on /3/0/9.
/// </summary>
internal sealed class TelemetryTestBed : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private TelemetryTestBed(Lwm2mServer server, Lwm2mClient client)
    {
        Server = server;
        Client = client;
    }

    public Lwm2mServer Server { get; }

    public Lwm2mClient Client { get; }

    public static async Task<TelemetryTestBed> StartAsync(TelemetryPipeline pipeline)
    {
        var server = new Lwm2mServer(new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
            DeferNotificationAcknowledgement = true,
        });
        server.NotificationHandler = n =>
        {
            if (n.Content is not Lwm2mSingleResource { } resource)
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
        server.Start();
        var client = new Lwm2mClient(new Lwm2mClientOptions
        {
            EndpointName = "telemetry-" + Guid.NewGuid().ToString("N")[..10],
            ServerEndPoint = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port),
            LifetimeSeconds = 60,
            ConfirmableNotifications = true,
            Coap = new CoapEndpointOptions
            {
                Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 },
                AckTimeout = TimeSpan.FromMilliseconds(150),
                MaxRetransmit = 8,
            },
        });
        var registered = await client.StartAsync().WaitAsync(Timeout);
        Assert.True(registered.IsSuccess, $"Register: {registered}");
        var registration = server.Registrations.Store.GetByEndpoint(client.EndpointName)!;
        var observe = await server.ObserveAsync(registration, Lwm2mPath.Parse("/3/0/9")).WaitAsync(Timeout);
        Assert.True(observe.IsSuccess, $"Observe: {observe}");
        return new TelemetryTestBed(server, client);
    }

    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.StopAsync().WaitAsync(Timeout);
        await Server.StopAsync();
    }
}
