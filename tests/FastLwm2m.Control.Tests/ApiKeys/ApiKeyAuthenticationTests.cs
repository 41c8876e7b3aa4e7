using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using FastLwm2m.Platform.ApiKeys;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Platform.TransportLog;
using FastLwm2m.Transport;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastLwm2m.Control.Tests.ApiKeys;

/// <summary>
/// The control plane with API keys on (<see cref="ControlContext.ApiKeys"/> set): its own host,
/// a system administrator's key and a key of tenant "acme".
/// </summary>
public sealed class ApiKeyAuthenticationTests : IAsyncLifetime
{
    private static readonly TenantId Acme = new("acme");

    private WebApplication? _app;
    private Lwm2mServer _server = null!;
    private ControlContext _platform = null!;
    private GrpcChannel _channel = null!;
    private string _systemKey = null!;
    private string _acmeKey = null!;
    private Guid _systemProfile;
    private Guid _acmeProfile;

    public async Task InitializeAsync()
    {
        var library = new ModelLibrary(new InMemoryModelStore(), ObjectModelRepository.CreateWithCoreModels());
        var profiles = new ProfileService(new InMemoryProfileStore(), library);
        DeviceService devices = await DeviceService.OpenAsync(new InMemoryDeviceStore());
        _server = new Lwm2mServer(new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
        });
        _server.Start();
        var keys = new ApiKeyService(new InMemoryApiKeyStore());
        _systemKey = (await keys.CreateAsync(ApiKeyRole.SystemAdministrator, TenantId.System, "ops")).Token;
        _acmeKey = (await keys.CreateAsync(ApiKeyRole.TenantAdministrator, Acme, "acme admin")).Token;
        _platform = new ControlContext(_server, library, profiles, devices, new InMemoryTelemetryStore(), new InMemoryTransportLog(), new InMemoryAttributeStore())
        {
            ApiKeys = keys,
        };
        _systemProfile = (await profiles.CreateAsync(TenantId.System, DeviceProfiles.CreateDefault(TenantId.System))).Profile!.Id;
        _acmeProfile = (await profiles.CreateAsync(Acme, DeviceProfiles.CreateDefault(Acme))).Profile!.Id;

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddFastLwm2mControl(_platform);
        _app = builder.Build();
        _app.MapFastLwm2mControl();
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _server.StopAsync();
        await _platform.Devices.DisposeAsync();
    }

    private static CallOptions With(params (string Name, string Value)[] headers)
    {
        var metadata = new Metadata();
        foreach (var (name, value) in headers)
        {
            metadata.Add(name, value);
        }

        return new CallOptions(headers: metadata, deadline: DateTime.UtcNow + ControlTestHost.Timeout);
    }

    private static CallOptions Bearer(string key, string? tenant = null) => tenant is null
        ? With(("authorization", "Bearer " + key))
        : With(("authorization", "Bearer " + key), (ControlMetadata.TenantHeader, tenant));

    [Fact]
    public async Task Call_WithoutKey_IsUnauthenticated()
    {
        var models = new Models.ModelsClient(_channel);

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => models.ListAsync(new ListModelsRequest(), With()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Fact]
    public async Task Call_WithTenantHeaderButNoKey_IsUnauthenticated()
    {
        var devices = new Devices.DevicesClient(_channel);

        RpcException e = await Assert.ThrowsAsync<RpcException>(
            () => devices.ListAsync(new ListDevicesRequest(), With((ControlMetadata.TenantHeader, "acme"))).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Fact]
    public async Task Call_WithBadKey_IsUnauthenticatedAndDoesNotEchoIt()
    {
        var models = new Models.ModelsClient(_channel);
        string forged = _acmeKey[..^4] + "AAAA";

        RpcException bad = await Assert.ThrowsAsync<RpcException>(() => models.ListAsync(new ListModelsRequest(), Bearer(forged)).ResponseAsync);
        RpcException garbage = await Assert.ThrowsAsync<RpcException>(() => models.ListAsync(new ListModelsRequest(), With(("x-api-key", "nonsense"))).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, bad.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, garbage.StatusCode);
        Assert.DoesNotContain(forged, bad.Status.Detail);
    }

    [Fact]
    public async Task HealthCheck_WithoutKey_IsServing()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(_channel);

        var response = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), With());

        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task SystemKey_Works_WithBearerAndWithApiKeyHeader()
    {
        var models = new Models.ModelsClient(_channel);

        ListModelsResponse bearer = await models.ListAsync(new ListModelsRequest(), Bearer(_systemKey));
        ListModelsResponse header = await models.ListAsync(new ListModelsRequest(), With(("x-api-key", _systemKey)));

        Assert.NotNull(bearer);
        Assert.Equal(bearer.Models.Count, header.Models.Count);
    }

    [Fact]
    public async Task TenantKey_ListsOnlyItsOwnDevices()
    {
        var devices = new Devices.DevicesClient(_channel);
        string systemDevice = "sys-" + Guid.NewGuid().ToString("N")[..12];
        string acmeDevice = "acme-" + Guid.NewGuid().ToString("N")[..12];
        await devices.CreateAsync(NoSec(systemDevice, _systemProfile), Bearer(_systemKey));
        await devices.CreateAsync(NoSec(acmeDevice, _acmeProfile), Bearer(_acmeKey));

        ListDevicesResponse acme = await devices.ListAsync(new ListDevicesRequest(), Bearer(_acmeKey));
        ListDevicesResponse acmeBySystem = await devices.ListAsync(new ListDevicesRequest(), Bearer(_systemKey, tenant: "acme"));

        Assert.Contains(acme.Devices, d => d.Endpoint == acmeDevice);
        Assert.DoesNotContain(acme.Devices, d => d.Endpoint == systemDevice);
        Assert.Contains(acmeBySystem.Devices, d => d.Endpoint == acmeDevice);
    }

    [Fact]
    public async Task TenantKey_NamingAnotherTenant_IsPermissionDenied()
    {
        var devices = new Devices.DevicesClient(_channel);

        RpcException e = await Assert.ThrowsAsync<RpcException>(
            () => devices.ListAsync(new ListDevicesRequest(), Bearer(_acmeKey, tenant: "globex")).ResponseAsync);
        ListDevicesResponse own = await devices.ListAsync(new ListDevicesRequest(), Bearer(_acmeKey, tenant: "acme"));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.NotNull(own);
    }

    [Fact]
    public async Task TenantKey_CannotDeleteASystemModel_SystemKeyCan()
    {
        var models = new Models.ModelsClient(_channel);
        var request = new UploadModelsRequest();
        (string name, byte[] content) = Ddf.Core("1-1_1.xml");
        request.Files.Add(new ModelFile { Name = name, Content = ByteString.CopyFrom(content) });
        await models.UploadAsync(request, Bearer(_systemKey));

        RpcException e = await Assert.ThrowsAsync<RpcException>(
            () => models.DeleteAsync(new DeleteModelRequest { ObjectId = 1, Version = "1.1" }, Bearer(_acmeKey)).ResponseAsync);
        DeleteModelResponse deleted = await models.DeleteAsync(new DeleteModelRequest { ObjectId = 1, Version = "1.1" }, Bearer(_systemKey));

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.NotNull(deleted);
    }

    [Fact]
    public async Task RevokedKey_IsUnauthenticated()
    {
        CreatedApiKey created = await _platform.ApiKeys!.CreateAsync(ApiKeyRole.TenantAdministrator, Acme, "temporary");
        var models = new Models.ModelsClient(_channel);
        await models.ListAsync(new ListModelsRequest(), Bearer(created.Token));

        await _platform.ApiKeys.RevokeAsync(created.Key.Id);
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => models.ListAsync(new ListModelsRequest(), Bearer(created.Token)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    private static CreateDeviceRequest NoSec(string endpoint, Guid profile) => new()
    {
        Name = endpoint,
        ProfileId = profile.ToString(),
        Credentials = new V1.DeviceCredentials { Endpoint = endpoint, Nosec = new V1.NoSecCredentials() },
    };
}
