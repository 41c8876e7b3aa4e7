using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Transport;

namespace FastLwm2m.Platform.Tests.Devices;

/// <summary>
/// A real <see cref="Lwm2mServer"/> on 127.0.0.1 guarded by <see cref="DeviceRegistrationAuthorizer"/>,
/// and <see cref="Lwm2mClient"/>s registering on its plain UDP port.
/// </summary>
public sealed class DeviceRegistrationEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly Guid ProfileId = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000002");
    private static readonly TenantId Acme = new("acme");
    private readonly InMemoryDeviceStore _store = new();
    private readonly List<Lwm2mClient> _clients = [];
    private DeviceService _devices = null!;
    private Lwm2mServer? _server;

    public async Task InitializeAsync() => _devices = await DeviceService.OpenAsync(_store);

    public async Task DisposeAsync()
    {
        foreach (Lwm2mClient client in _clients)
        {
            await client.StopAsync(deregister: false).WaitAsync(Timeout);
        }

        if (_server is not null)
        {
            await _server.StopAsync();
        }

        await _devices.DisposeAsync();
    }

    [Fact]
    public async Task GivenNoDevice_ClientRegistering_IsForbidden()
    {
        StartServer(new ProvisioningOptions());

        Lwm2mResponse response = await RegisterAsync("unknown-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.Equal(Lwm2mResponseCode.Forbidden, response.Code);
        Assert.Contains("no device for endpoint", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, _server!.Registrations.Store.Count);
    }

    [Fact]
    public async Task GivenANoSecDevice_ClientRegistering_IsRegistered()
    {
        StartServer(new ProvisioningOptions());
        Assert.True((await _devices.CreateAsync(Acme, "Sensor", ProfileId, new NoSecCredentials("sensor-e2e"))).Succeeded);

        Lwm2mResponse response = await RegisterAsync("sensor-e2e");

        Assert.True(response.IsSuccess, response.ToString());
        Assert.NotNull(_server!.Registrations.Store.GetByEndpoint("sensor-e2e"));
    }

    [Fact]
    public async Task GivenAPskDevice_ClientRegisteringWithoutDtls_IsForbidden()
    {
        StartServer(new ProvisioningOptions { AutoProvisionNoSec = true, DefaultProfileId = ProfileId });
        Assert.True((await _devices.CreateAsync(Acme, "Meter", ProfileId, new PskCredentials("meter-e2e", "meter-id", "00112233445566778899aabbccddeeff"))).Succeeded);

        Lwm2mResponse response = await RegisterAsync("meter-e2e");

        Assert.Equal(Lwm2mResponseCode.Forbidden, response.Code);
        Assert.Equal("endpoint meter-e2e requires DTLS (PSK)", response.ErrorMessage);
        Assert.Null(_server!.Registrations.Store.GetByEndpoint("meter-e2e"));
    }

    [Fact]
    public async Task GivenAutoProvisioning_UnknownClientRegistering_IsRegisteredAndBecomesADevice()
    {
        StartServer(new ProvisioningOptions { AutoProvisionNoSec = true, Tenant = "acme" }, () => ProfileId);

        Lwm2mResponse response = await RegisterAsync("demo-e2e");

        Assert.True(response.IsSuccess, response.ToString());
        DeviceInfo device = Assert.Single(await _devices.ListAsync(Acme));
        Assert.Equal(("demo-e2e", DeviceCredentialsType.NoSec, true, ProfileId), (device.Endpoint, device.CredentialsType, device.AutoProvisioned, device.ProfileId));
        await _devices.FlushAsync().WaitAsync(Timeout);
        Device stored = Assert.Single(await _store.ListAllAsync());
        Assert.True(stored.AutoProvisioned);
    }

    private void StartServer(ProvisioningOptions provisioning, Func<Guid?>? defaultProfileId = null)
    {
        _server = new Lwm2mServer(new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
            Authorizer = new DeviceRegistrationAuthorizer(_devices, provisioning, defaultProfileId),
        });
        _server.Start();
    }

    private async Task<Lwm2mResponse> RegisterAsync(string endpoint)
    {
        var client = new Lwm2mClient(new Lwm2mClientOptions
        {
            EndpointName = endpoint,
            ServerEndPoint = new IPEndPoint(IPAddress.Loopback, _server!.LocalEndPoint.Port),
            LifetimeSeconds = 60,
            RetryDelay = TimeSpan.FromSeconds(30),
        });
        _clients.Add(client);
        return await client.StartAsync().WaitAsync(Timeout);
    }
}
