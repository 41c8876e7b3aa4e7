using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Control;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Downlink;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Rpc;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Platform.TransportLog;
using FastLwm2m.Transport;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Tests;

/// <summary>
/// The control plane as a host runs it (also compiled into FastLwm2m.Cli.Tests, whose tests run the CLI against it): an in-process web application on 127.0.0.1 (HTTP/2
/// cleartext) over in-memory Platform stores and a real LwM2M server on 127.0.0.1, and a gRPC
/// channel to it. Shared by the tests of the collection; each test uses its own endpoints.
/// RPCs resolve the keys of <see cref="RpcKeys"/> and go through a <see cref="DownlinkQueue"/>,
/// as the host wires them.
/// </summary>
public sealed class ControlTestHost : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The RPC keys every device has (the host takes them from the device's profile).</summary>
    public static readonly IReadOnlyDictionary<string, string> RpcKeys = new Dictionary<string, string>
    {
        ["batteryLevel"] = "/3/0/9",
        ["timezone"] = "/3/0/15",
    };

    private readonly TimeSpan _queueModeAwakeTime;
    private WebApplication? _app;
    private DownlinkQueue? _downlink;

    public ControlTestHost()
        : this(new RegistrationOptions().QueueModeAwakeTime)
    {
    }

    private ControlTestHost(TimeSpan queueModeAwakeTime) => _queueModeAwakeTime = queueModeAwakeTime;

    /// <summary>
    /// A host of its own (initialize and dispose it in the test) whose queue-mode clients fall
    /// asleep as soon as they are heard from: every RPC to one is queued.
    /// </summary>
    public static ControlTestHost WithSleepingQueueModeClients() => new(TimeSpan.FromTicks(1));

    public Lwm2mServer Server { get; private set; } = null!;

    public ControlContext Platform { get; private set; } = null!;

    public InMemoryTelemetryStore Telemetry { get; } = new();

    public InMemoryTransportLog TransportLog { get; } = new();

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>The control plane's address (the CLI's <c>--server</c>).</summary>
    public string Address { get; private set; } = null!;

    /// <summary>The default device profile of the system administrator.</summary>
    public Guid ProfileId { get; private set; }

    public async Task InitializeAsync()
    {
        var library = new ModelLibrary(new InMemoryModelStore(), ObjectModelRepository.CreateWithCoreModels());
        var profiles = new ProfileService(new InMemoryProfileStore(), library);
        DeviceService devices = await DeviceService.OpenAsync(new InMemoryDeviceStore());
        Server = new Lwm2mServer(new Lwm2mServerOptions
        {
            // Short retransmission so a device that does not answer times out in under a second.
            Coap = new CoapEndpointOptions
            {
                Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 },
                AckTimeout = TimeSpan.FromMilliseconds(250),
                AckRandomFactor = 1.0,
                MaxRetransmit = 1,
            },
            Registration = new RegistrationOptions { QueueModeAwakeTime = _queueModeAwakeTime },
        });
        Server.Start();
        var rpc = new RpcService(Server, new DictionaryRpcKeyResolver(RpcKeys));
        _downlink = new DownlinkQueue(Server, new InMemoryDownlinkQueueStore(), rpc, TransportLog, new DownlinkQueueOptions { ExpiryScanInterval = TimeSpan.Zero });
        DownlinkQueue downlink = _downlink;
        devices.DeletedHandler = (device, cancellationToken) => downlink.PurgeDeviceAsync(device.Endpoint, cancellationToken);
        Platform = new ControlContext(Server, library, profiles, devices, Telemetry, TransportLog, new InMemoryAttributeStore())
        {
            RpcFactory = _ => rpc,
            Downlink = downlink,
            RpcExecutor = (registration, method, parameters, cancellationToken) =>
                downlink.ExecuteAsync(registration, method, parameters, cancellationToken: cancellationToken),
        };
        ProfileSaveResult profile = await profiles.CreateAsync(TenantId.System, DeviceProfiles.CreateDefault(TenantId.System));
        Assert.True(profile.Succeeded, profile.Error);
        ProfileId = profile.Profile!.Id;

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddFastLwm2mControl(Platform);
        _app = builder.Build();
        _app.MapFastLwm2mControl();
        await _app.StartAsync();
        Address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Channel = GrpcChannel.ForAddress(Address);
    }

    /// <summary>Call options acting for <paramref name="tenant"/>, or the system administrator.</summary>
    public static CallOptions As(string? tenant = null) => new(
        headers: tenant is null ? null : new Metadata { { ControlMetadata.TenantHeader, tenant } },
        deadline: DateTime.UtcNow + Timeout);

    /// <summary>A client registered to the LwM2M server with the core models; in queue mode when <paramref name="queueMode"/>.</summary>
    public async Task<Lwm2mClient> StartClientAsync(string endpoint, bool queueMode = false)
    {
        var client = new Lwm2mClient(new Lwm2mClientOptions
        {
            EndpointName = endpoint,
            ServerEndPoint = new IPEndPoint(IPAddress.Loopback, Server.LocalEndPoint.Port),
            LifetimeSeconds = 60,
            RetryDelay = TimeSpan.FromMilliseconds(200),
            Models = ObjectModelRepository.CreateWithCoreModels(),
            QueueMode = queueMode,
        });
        var registered = await client.StartAsync().WaitAsync(Timeout);
        Assert.True(registered.IsSuccess, $"Register: {registered}");
        return client;
    }

    public static string NewEndpoint(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The Devices.Create request of a NoSec device <paramref name="endpoint"/> in the default profile.</summary>
    public V1.CreateDeviceRequest NoSecDevice(string endpoint) => new()
    {
        Name = endpoint,
        ProfileId = ProfileId.ToString(),
        Credentials = new V1.DeviceCredentials { Endpoint = endpoint, Nosec = new V1.NoSecCredentials() },
    };

    /// <summary>Creates a NoSec device <paramref name="endpoint"/> in the default profile, as the system administrator; returns the endpoint.</summary>
    public async Task<string> CreateNoSecDeviceAsync(string endpoint)
    {
        await new V1.Devices.DevicesClient(Channel).CreateAsync(NoSecDevice(endpoint), As());
        return endpoint;
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_downlink is not null)
        {
            await _downlink.DisposeAsync();
        }

        await Server.StopAsync();
        await Platform.Devices.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ControlCollection : ICollectionFixture<ControlTestHost>
{
    public const string Name = "control";
}
