using FastLwm2m.Control.V1;
using Grpc.Core;

namespace FastLwm2m.Control.Tests;

[Collection(ControlCollection.Name)]
public sealed class DevicesServiceTests(ControlTestHost host)
{
    private const string Key = "000102030405060708090a0b0c0d0e0f";

    private readonly Devices.DevicesClient _devices = new(host.Channel);

    [Fact]
    public async Task Create_NoSec_IsReturnedByGetAndList()
    {
        string endpoint = ControlTestHost.NewEndpoint("nosec");

        CreateDeviceResponse created = await _devices.CreateAsync(host.NoSecDevice(endpoint), ControlTestHost.As());
        GetDeviceResponse got = await _devices.GetAsync(new GetDeviceRequest { Device = new DeviceRef { Endpoint = endpoint } }, ControlTestHost.As());
        ListDevicesResponse listed = await _devices.ListAsync(new ListDevicesRequest(), ControlTestHost.As());

        Assert.Equal(CredentialsType.Nosec, created.Device.CredentialsType);
        Assert.Equal(created.Device.Id, got.Device.Id);
        Assert.False(got.Device.Registration.Registered);
        Assert.Contains(listed.Devices, d => d.Endpoint == endpoint);
    }

    [Fact]
    public async Task Create_Psk_GetNeverReturnsTheKey()
    {
        string endpoint = ControlTestHost.NewEndpoint("psk");

        CreateDeviceResponse created = await _devices.CreateAsync(Psk(endpoint, endpoint + "-id", Key), ControlTestHost.As());
        GetDeviceResponse got = await _devices.GetAsync(new GetDeviceRequest { Device = new DeviceRef { Id = created.Device.Id } }, ControlTestHost.As());

        Assert.Equal(CredentialsType.Psk, got.Device.CredentialsType);
        Assert.Equal(endpoint + "-id", got.Device.Identity);
        Assert.DoesNotContain(Key, got.Device.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Key, created.Device.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_PskWithShortKey_IsInvalidArgumentNamingTheField()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(
            () => _devices.CreateAsync(Psk(ControlTestHost.NewEndpoint("psk"), "id-short", Key[..31]), ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("credentials.psk.key_hex: a PSK key is 32, 64 or 128 hex characters, got 31", e.Status.Detail);
    }

    [Fact]
    public async Task Create_DuplicateEndpoint_IsAlreadyExists()
    {
        string endpoint = ControlTestHost.NewEndpoint("dup");
        await _devices.CreateAsync(host.NoSecDevice(endpoint), ControlTestHost.As());

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _devices.CreateAsync(host.NoSecDevice(endpoint), ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
        Assert.Contains(endpoint, e.Status.Detail);
    }

    [Fact]
    public async Task Create_WithoutCredentials_IsInvalidArgumentNamingTheField()
    {
        var request = new CreateDeviceRequest { Name = "x", ProfileId = host.ProfileId.ToString() };

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _devices.CreateAsync(request, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("credentials:", e.Status.Detail);
    }

    [Fact]
    public async Task Get_OtherTenantsDevice_IsNotFound()
    {
        string endpoint = ControlTestHost.NewEndpoint("private");
        await _devices.CreateAsync(host.NoSecDevice(endpoint), ControlTestHost.As());

        RpcException e = await Assert.ThrowsAsync<RpcException>(
            () => _devices.GetAsync(new GetDeviceRequest { Device = new DeviceRef { Endpoint = endpoint } }, ControlTestHost.As("acme")).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheDevice()
    {
        string endpoint = ControlTestHost.NewEndpoint("gone");
        await _devices.CreateAsync(host.NoSecDevice(endpoint), ControlTestHost.As());
        var reference = new DeviceRef { Endpoint = endpoint };

        DeleteDeviceResponse deleted = await _devices.DeleteAsync(new DeleteDeviceRequest { Device = reference }, ControlTestHost.As());
        RpcException e = await Assert.ThrowsAsync<RpcException>(
            () => _devices.GetAsync(new GetDeviceRequest { Device = reference }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(endpoint, deleted.Deleted.Endpoint);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    private CreateDeviceRequest Psk(string endpoint, string identity, string key) => new()
    {
        Name = endpoint,
        ProfileId = host.ProfileId.ToString(),
        Credentials = new DeviceCredentials { Endpoint = endpoint, Psk = new PskCredentials { Identity = identity, KeyHex = key } },
    };
}
