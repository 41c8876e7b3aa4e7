using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Platform.Downlink;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Rpc;
using FastLwm2m.Platform.SharedAttributes;
using FastLwm2m.Platform.Tests.TestSupport;
using FastLwm2m.Platform.TransportLog;
using FastLwm2m.Transport;

namespace FastLwm2m.Platform.Tests.Downlink;

/// <summary>
/// A real <see cref="Lwm2mServer"/> on 127.0.0.1 on a hand-moved clock, a <see cref="DownlinkQueue"/>
/// and a <see cref="SharedAttributeService"/> over it, and one queue-mode <see cref="Lwm2mClient"/>
/// whose profile maps "timezone" (/3/0/15, writable) and "batteryLevel" (/3/0/9, read-only).
/// </summary>
internal sealed class DownlinkTestBed : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Past the server's default awake window (93 s).</summary>
    public static readonly TimeSpan LongerThanAwake = TimeSpan.FromSeconds(94);

    private DeviceProfile? _profile;

    private DownlinkTestBed(ManualClock clock, Lwm2mServer server)
    {
        Clock = clock;
        Server = server;
        Queue = new DownlinkQueue(server, Store, new RpcService(server), Log, new DownlinkQueueOptions { ExpiryScanInterval = TimeSpan.Zero }, clock);
        Attributes = new SharedAttributeService(server, (_, _) => Task.FromResult(_profile), Log, Queue, timeProvider: clock);
    }

    public ManualClock Clock { get; }

    public Lwm2mServer Server { get; }

    public InMemoryTransportLog Log { get; } = new();

    public InMemoryDownlinkQueueStore Store { get; } = new();

    public DownlinkQueue Queue { get; }

    public SharedAttributeService Attributes { get; }

    public Lwm2mClient Client { get; private set; } = null!;

    public string Endpoint => Client.EndpointName;

    public Registration Registration => Server.Registrations.Store.GetByEndpoint(Endpoint)
        ?? throw new InvalidOperationException($"{Endpoint} is not registered");

    /// <summary>Given a server, and a queue-mode device registered to it (awake, having just registered).</summary>
    public static async Task<DownlinkTestBed> StartAsync()
    {
        var clock = new ManualClock();
        var options = new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
        };
        var server = new Lwm2mServer(options, time: clock, autoTick: false);
        server.Start();
        var bed = new DownlinkTestBed(clock, server);
        bed.Client = new Lwm2mClient(new Lwm2mClientOptions
        {
            EndpointName = "sleepy-" + Guid.NewGuid().ToString("N")[..12],
            ServerEndPoint = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port),
            LifetimeSeconds = 300,
            RetryDelay = TimeSpan.FromMilliseconds(200),
            QueueMode = true,
        });
        var registered = await bed.Client.StartAsync().WaitAsync(Timeout);
        Assert.True(registered.IsSuccess, $"Register: {registered}");
        var version = bed.Registration.GetObjectVersion(3) ?? ObjectVersion.Default;
        bed._profile = new DeviceProfile
        {
            Name = "sleepy",
            Transport = new Lwm2mTransportConfiguration
            {
                Objects =
                [
                    new ProfileObject
                    {
                        ObjectId = 3,
                        Version = version,
                        Resources =
                        [
                            new ProfileResource { ResourceId = 15, Attribute = true, Key = "timezone" },
                            new ProfileResource { ResourceId = 9, Attribute = true, Key = "batteryLevel" },
                        ],
                    },
                ],
            },
        };
        return bed;
    }

    /// <summary>The device sleeps, and the server's awake window has passed.</summary>
    public void FallAsleep()
    {
        Client.Sleep();
        Clock.Advance(LongerThanAwake);
        Assert.False(Server.IsAwake(Registration));
    }

    /// <summary>The device's current timezone (/3/0/15).</summary>
    public string? Timezone => Client.GetInstance(3, 0)!.GetValue(15)?.AsString();

    /// <summary>Completes with the first transport log line of the device matching <paramref name="match"/> (already written or to come).</summary>
    public Task<string> LogLine(Func<string, bool> match) => TransportLogWaiter.WaitForLineAsync(Log, Endpoint, match, Timeout);

    /// <summary>The device's transport log lines, oldest first.</summary>
    public async Task<IReadOnlyList<string>> LogLines() => (await Log.GetAsync(Endpoint, 1_000)).Select(e => e.Message).ToArray();

    public async ValueTask DisposeAsync()
    {
        await Queue.DisposeAsync();
        await Client.StopAsync().WaitAsync(Timeout);
        await Server.StopAsync();
    }
}
