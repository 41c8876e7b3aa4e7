using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Control;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Profiles;
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

namespace FastLwm2m.Cli.Tests;

/// <summary>
/// The control plane as a host runs it (copied from FastLwm2m.Control.Tests): an in-process web application on 127.0.0.1 (HTTP/2
/// cleartext) over in-memory Platform stores and a real LwM2M server on 127.0.0.1, and a gRPC
/// channel to it. Shared by the tests of the collection; each test uses its own endpoints.
/// </summary>
public sealed class CliTestHost : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private WebApplication? _app;

    public Lwm2mServer Server { get; private set; } = null!;

    public ControlContext Platform { get; private set; } = null!;

    public InMemoryTelemetryStore Telemetry { get; } = new();

    public InMemoryTransportLog TransportLog { get; } = new();

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>The control plane's address, for <c>--server</c>.</summary>
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
        });
        Server.Start();
        Platform = new ControlContext(Server, library, profiles, devices, Telemetry, TransportLog, new InMemoryAttributeStore());
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

    /// <summary>A client registered to the LwM2M server with the core models.</summary>
    public async Task<Lwm2mClient> StartClientAsync(string endpoint)
    {
        var client = new Lwm2mClient(new Lwm2mClientOptions
        {
            EndpointName = endpoint,
            ServerEndPoint = new IPEndPoint(IPAddress.Loopback, Server.LocalEndPoint.Port),
            LifetimeSeconds = 60,
            RetryDelay = TimeSpan.FromMilliseconds(200),
            Models = ObjectModelRepository.CreateWithCoreModels(),
        });
        var registered = await client.StartAsync().WaitAsync(Timeout);
        Assert.True(registered.IsSuccess, $"Register: {registered}");
        return client;
    }

    public static string NewEndpoint(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Server.StopAsync();
        await Platform.Devices.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliTestHost>
{
    public const string Name = "cli";
}
