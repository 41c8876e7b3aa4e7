using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Tests.Downlink;
using FastLwm2m.Platform.Tests.TestSupport;
using FastLwm2m.Platform.Sessions;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Platform.TransportLog;
using FastLwm2m.Transport;

namespace FastLwm2m.Platform.Tests.Sessions;

/// <summary>
/// A server on 127.0.0.1 with a <see cref="DeviceSessionManager"/> over in-memory stores, a NoSec
/// device of a given profile, and its LwM2M 1.2 client (core models: Device 1.2, Connectivity
/// Monitoring 1.3, Location 1.0).
/// </summary>
internal sealed class SessionTestBed : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TenantId Tenant = new("acme");

    private SessionTestBed(Lwm2mServer server, DeviceService devices, TelemetryPipeline pipeline, Lwm2mClient client)
    {
        Server = server;
        Devices = devices;
        Pipeline = pipeline;
        Client = client;
    }

    public Lwm2mServer Server { get; }

    public DeviceService Devices { get; }

    public TelemetryPipeline Pipeline { get; }

    public DeviceSessionManager Sessions { get; private set; } = null!;

    public ProfileService Profiles { get; private set; } = null!;

    public Lwm2mClient Client { get; }

    public InMemoryTelemetryStore Telemetry { get; private set; } = null!;

    public InMemoryAttributeStore Attributes { get; } = new();

    public InMemoryTransportLog Log { get; } = new();

    public SessionInitializedEventArgs Initialization { get; private set; } = null!;

    public string Endpoint => Client.EndpointName;

    public Registration Registration => Server.Registrations.Store.GetByEndpoint(Endpoint)!;

    /// <summary>The server's clock when the bed runs a queue-mode device (null otherwise: the system clock).</summary>
    public ManualClock? Clock { get; private set; }

    /// <summary>Given the default profile changed by <paramref name="configure"/>, a device of it registering and initialized.</summary>
    /// <param name="configure">Changes the default profile before the device registers.</param>
    /// <param name="queueMode">The device registers in queue mode and the server runs on a <see cref="ManualClock"/> (see <see cref="FallAsleep"/>).</param>
    public static async Task<SessionTestBed> StartAsync(Func<DeviceProfile, DeviceProfile>? configure = null, bool queueMode = false)
    {
        var library = new ModelLibrary(new InMemoryModelStore(), ObjectModelRepository.CreateWithCoreModels());
        var profiles = new ProfileService(new InMemoryProfileStore(), library);
        DeviceProfile profile = DeviceProfiles.CreateDefault(Tenant);
        profile = configure?.Invoke(profile) ?? profile;
        ProfileSaveResult saved = await profiles.CreateAsync(Tenant, profile);
        Assert.True(saved.Succeeded, saved.Error);

        DeviceService devices = await DeviceService.OpenAsync(new InMemoryDeviceStore());
        string endpoint = "session-" + Guid.NewGuid().ToString("N")[..10];
        Assert.True((await devices.CreateAsync(Tenant, endpoint, saved.Profile!.Id, new NoSecCredentials(endpoint))).Succeeded);

        ManualClock? clock = queueMode ? new ManualClock() : null;
        var serverOptions = new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
            DeferNotificationAcknowledgement = true,
        };
        var server = clock is null ? new Lwm2mServer(serverOptions) : new Lwm2mServer(serverOptions, time: clock, autoTick: false);
        server.Start();
        var telemetry = new InMemoryTelemetryStore();
        var pipeline = new TelemetryPipeline(telemetry);
        var client = new Lwm2mClient(new Lwm2mClientOptions
        {
            EndpointName = endpoint,
            ServerEndPoint = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port),
            LifetimeSeconds = 60,
            Version = Lwm2mVersion.V1_2,
            RetryDelay = TimeSpan.FromMilliseconds(200),
            QueueMode = queueMode,
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
        });
        var bed = new SessionTestBed(server, devices, pipeline, client) { Telemetry = telemetry, Profiles = profiles, Clock = clock };
        bed.Sessions = new DeviceSessionManager(server, devices, profiles, pipeline, bed.Attributes, bed.Log);
        var initialized = new TaskCompletionSource<SessionInitializedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Sessions.Initialized += (_, e) => initialized.TrySetResult(e);
        var registered = await client.StartAsync().WaitAsync(Timeout);
        Assert.True(registered.IsSuccess, $"Register: {registered}");
        bed.Initialization = await initialized.Task.WaitAsync(Timeout);
        return bed;
    }

    /// <summary>The queue-mode device sleeps, and the server's awake window (93 s) has passed.</summary>
    public void FallAsleep()
    {
        Client.Sleep();
        Clock!.Advance(TimeSpan.FromSeconds(94));
        Assert.False(Server.IsAwake(Registration));
    }

    /// <summary>Changes the device's profile as stored (the session manager hears of it).</summary>
    public async Task<DeviceProfile> UpdateProfileAsync(Func<DeviceProfile, DeviceProfile> change)
    {
        DeviceInfo device = Devices.FindByEndpoint(Endpoint)!;
        DeviceProfile current = (await Profiles.GetAsync(Tenant, device.ProfileId))!;
        ProfileSaveResult saved = await Profiles.UpdateAsync(Tenant, change(current));
        Assert.True(saved.Succeeded, saved.Error);
        return saved.Profile!;
    }

    /// <summary>Completes with the first transport log line of the device matching <paramref name="match"/> (already written or to come).</summary>
    public Task<string> WaitForLogLine(Func<string, bool> match) => TransportLogWaiter.WaitForLineAsync(Log, Endpoint, match, Timeout);

    public async Task<IReadOnlyList<string>> LogLines() => [.. (await Log.GetAsync(Endpoint, 1_000)).Select(static e => e.Message)];

    /// <summary>Waits until the telemetry store's latest value of <paramref name="key"/> satisfies <paramref name="match"/>.</summary>
    public async Task<TelemetryPoint> WaitForTelemetry(string key, Func<Lwm2mValue, bool> match)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var latest = await Telemetry.GetLatestAsync(Endpoint);
            if (latest.FirstOrDefault(p => p.Key == key) is { Key: not null } point && match(point.Value))
            {
                return point;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for telemetry {key}; latest: {string.Join(", ", latest.Select(p => $"{p.Key}={p.Value}"))}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.StopAsync().WaitAsync(Timeout);
        await Sessions.DisposeAsync();
        await Server.StopAsync();
        await Pipeline.DisposeAsync();
        await Devices.DisposeAsync();
    }
}
