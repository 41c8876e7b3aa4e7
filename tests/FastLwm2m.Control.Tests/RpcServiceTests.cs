using System.Text.Json;
using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using Grpc.Core;

namespace FastLwm2m.Control.Tests;

[Collection(ControlCollection.Name)]
public sealed class RpcServiceTests(ControlTestHost host)
{
    private readonly Devices.DevicesClient _devices = new(host.Channel);
    private readonly Rpc.RpcClient _rpc = new(host.Channel);

    [Fact]
    public async Task Read_OnRegisteredDevice_ReturnsTheGuidesJson()
    {
        string endpoint = ControlTestHost.NewEndpoint("rpc");
        await CreateDeviceAsync(endpoint);
        Lwm2mClient client = await host.StartClientAsync(endpoint);
        try
        {
            client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(87));

            ExecuteRpcResponse response = await _rpc.ExecuteAsync(
                new ExecuteRpcRequest { Device = new DeviceRef { Endpoint = endpoint }, Method = "Read", ParamsJson = """{"id":"/3/0/9"}""" },
                ControlTestHost.As());
            GetDeviceResponse device = await _devices.GetAsync(new GetDeviceRequest { Device = new DeviceRef { Endpoint = endpoint } }, ControlTestHost.As());

            Assert.Equal("CONTENT", response.Result);
            Assert.True(response.Success);
            using JsonDocument json = JsonDocument.Parse(response.ResultJson);
            Assert.Equal("CONTENT", json.RootElement.GetProperty("result").GetString());
            Assert.Contains("87", json.RootElement.GetProperty("value").GetString());
            Assert.True(device.Device.Registration.Registered);
            Assert.False(string.IsNullOrEmpty(device.Device.Registration.RegistrationId));
            Assert.NotNull(device.Device.Registration.LastUpdate);
        }
        finally
        {
            await client.StopAsync().WaitAsync(ControlTestHost.Timeout);
        }
    }

    [Fact]
    public async Task Execute_OnUnregisteredDevice_IsFailedPrecondition()
    {
        string endpoint = ControlTestHost.NewEndpoint("asleep");
        await CreateDeviceAsync(endpoint);

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _rpc.ExecuteAsync(
            new ExecuteRpcRequest { Device = new DeviceRef { Endpoint = endpoint }, Method = "Read", ParamsJson = """{"id":"/3/0/9"}""" },
            ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal($"device {endpoint} is not registered", e.Status.Detail);
    }

    [Fact]
    public async Task Read_OnDeviceThatDoesNotAnswer_IsDeadlineExceeded()
    {
        string endpoint = ControlTestHost.NewEndpoint("silent");
        await CreateDeviceAsync(endpoint);
        Lwm2mClient client = await host.StartClientAsync(endpoint);
        await client.StopAsync(deregister: false).WaitAsync(ControlTestHost.Timeout);

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _rpc.ExecuteAsync(
            new ExecuteRpcRequest { Device = new DeviceRef { Endpoint = endpoint }, Method = "Read", ParamsJson = """{"id":"/3/0/9"}""" },
            ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.Contains(endpoint, e.Status.Detail);
    }

    [Fact]
    public async Task Read_WithBadParams_IsInvalidArgumentNamingTheField()
    {
        string endpoint = ControlTestHost.NewEndpoint("badparams");
        await CreateDeviceAsync(endpoint);
        Lwm2mClient client = await host.StartClientAsync(endpoint);
        try
        {
            RpcException e = await Assert.ThrowsAsync<RpcException>(() => _rpc.ExecuteAsync(
                new ExecuteRpcRequest { Device = new DeviceRef { Endpoint = endpoint }, Method = "Read", ParamsJson = "[1]" },
                ControlTestHost.As()).ResponseAsync);

            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            Assert.StartsWith("params_json:", e.Status.Detail);
        }
        finally
        {
            await client.StopAsync().WaitAsync(ControlTestHost.Timeout);
        }
    }

    [Fact]
    public async Task Execute_UnknownDevice_IsNotFound()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _rpc.ExecuteAsync(
            new ExecuteRpcRequest { Device = new DeviceRef { Endpoint = "nobody" }, Method = "Read" },
            ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task Execute_WithoutMethod_IsInvalidArgumentNamingTheField()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _rpc.ExecuteAsync(
            new ExecuteRpcRequest { Device = new DeviceRef { Endpoint = "nobody" } },
            ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("method:", e.Status.Detail);
    }

    private Task CreateDeviceAsync(string endpoint) => host.CreateNoSecDeviceAsync(endpoint);
}
