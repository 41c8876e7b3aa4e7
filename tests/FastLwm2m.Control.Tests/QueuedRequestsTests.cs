using System.Text.Json;
using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m.Client;
using Grpc.Core;

namespace FastLwm2m.Control.Tests;

/// <summary>Rpc.GetQueued/ListQueued/CancelQueued and the queue state of Devices.Get, against a host whose queue-mode devices sleep.</summary>
public sealed class QueuedRequestsTests : IAsyncLifetime
{
    private readonly ControlTestHost _host = ControlTestHost.WithSleepingQueueModeClients();
    private Rpc.RpcClient _rpc = null!;
    private Devices.DevicesClient _devices = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _rpc = new Rpc.RpcClient(_host.Channel);
        _devices = new Devices.DevicesClient(_host.Channel);
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task QueuedRpcs_AreListed_LookedUpById_AndOneIsCancelled()
    {
        var (device, client) = await SleepingDeviceAsync("queued");
        try
        {
            string first = await QueueAsync(device, "Read", """{"id":"/3/0/9"}""");
            string second = await QueueAsync(device, "WriteReplace", """{"id":"/3/0/15","value":"+02:00"}""");

            QueuedRequest looked = await _rpc.GetQueuedAsync(new GetQueuedRequest { RequestId = first }, ControlTestHost.As());
            Assert.Equal(QueuedRequestState.Queued, looked.State);
            Assert.Equal("rpc", looked.Kind);
            Assert.Equal("Read", looked.Method);
            Assert.Equal("""{"id":"/3/0/9"}""", looked.ParamsJson);
            Assert.Equal(device.Endpoint, looked.Endpoint);
            Assert.Null(looked.CompletedAt);
            Assert.True(looked.ExpiresAt.ToDateTimeOffset() > looked.EnqueuedAt.ToDateTimeOffset());
            using (JsonDocument json = JsonDocument.Parse(looked.ResultJson))
            {
                Assert.Equal("QUEUED", json.RootElement.GetProperty("result").GetString());
                Assert.Equal(first, json.RootElement.GetProperty("value").GetString());
            }

            ListQueuedResponse listed = await _rpc.ListQueuedAsync(new ListQueuedRequest { Device = device }, ControlTestHost.As());
            Assert.Equal([first, second], listed.Requests.Select(r => r.RequestId));
            GetDeviceResponse state = await _devices.GetAsync(new GetDeviceRequest { Device = device }, ControlTestHost.As());
            Assert.Equal(2u, state.DownlinkQueue.Depth);
            Assert.Equal(0ul, state.DownlinkQueue.Expired);

            QueuedRequest cancelled = await _rpc.CancelQueuedAsync(new CancelQueuedRequest { RequestId = second }, ControlTestHost.As());
            Assert.Equal(QueuedRequestState.Cancelled, cancelled.State);
            Assert.NotNull(cancelled.CompletedAt);
            Assert.StartsWith("""{"result":"CANCELED","error":""", cancelled.ResultJson, StringComparison.Ordinal);
            Assert.Equal(QueuedRequestState.Cancelled, (await _rpc.GetQueuedAsync(new GetQueuedRequest { RequestId = second }, ControlTestHost.As())).State);
            Assert.Equal([first], (await _rpc.ListQueuedAsync(new ListQueuedRequest { Device = device }, ControlTestHost.As())).Requests.Select(r => r.RequestId));

            RpcException again = await Assert.ThrowsAsync<RpcException>(() => _rpc.CancelQueuedAsync(new CancelQueuedRequest { RequestId = second }, ControlTestHost.As()).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
            Assert.Equal($"queued request {second} is no longer queued: cancelled", again.Status.Detail);
        }
        finally
        {
            await client.StopAsync().WaitAsync(ControlTestHost.Timeout);
        }
    }

    [Fact]
    public async Task GetQueued_WithABadId_OrAnUnknownOne_OrAnotherTenantsRequest_IsRefused()
    {
        var (device, client) = await SleepingDeviceAsync("queued-errors");
        try
        {
            string id = await QueueAsync(device, "Read", """{"id":"/3/0/9"}""");

            RpcException malformed = await Assert.ThrowsAsync<RpcException>(() => _rpc.GetQueuedAsync(new GetQueuedRequest { RequestId = "nope" }, ControlTestHost.As()).ResponseAsync);
            RpcException unknown = await Assert.ThrowsAsync<RpcException>(() => _rpc.GetQueuedAsync(new GetQueuedRequest { RequestId = Guid.NewGuid().ToString() }, ControlTestHost.As()).ResponseAsync);
            RpcException otherTenant = await Assert.ThrowsAsync<RpcException>(() => _rpc.GetQueuedAsync(new GetQueuedRequest { RequestId = id }, ControlTestHost.As("globex")).ResponseAsync);
            RpcException otherTenantCancel = await Assert.ThrowsAsync<RpcException>(() => _rpc.CancelQueuedAsync(new CancelQueuedRequest { RequestId = id }, ControlTestHost.As("globex")).ResponseAsync);

            Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
            Assert.Equal("request_id: not a UUID: 'nope'", malformed.Status.Detail);
            Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
            Assert.Equal(StatusCode.NotFound, otherTenant.StatusCode);
            Assert.Equal(StatusCode.NotFound, otherTenantCancel.StatusCode);
            Assert.Equal(QueuedRequestState.Queued, (await _rpc.GetQueuedAsync(new GetQueuedRequest { RequestId = id }, ControlTestHost.As())).State);
        }
        finally
        {
            await client.StopAsync().WaitAsync(ControlTestHost.Timeout);
        }
    }

    [Fact]
    public async Task DeletingTheDevice_ForgetsItsQueuedRequests_SoANewDeviceOfTheSameEndpointSeesNone()
    {
        var (device, client) = await SleepingDeviceAsync("queued-deleted");
        string id;
        try
        {
            id = await QueueAsync(device, "Read", """{"id":"/3/0/9"}""");
        }
        finally
        {
            await client.StopAsync().WaitAsync(ControlTestHost.Timeout);
        }

        await _devices.DeleteAsync(new DeleteDeviceRequest { Device = device }, ControlTestHost.As());
        RpcException gone = await Assert.ThrowsAsync<RpcException>(() => _rpc.GetQueuedAsync(new GetQueuedRequest { RequestId = id }, ControlTestHost.As()).ResponseAsync);
        await _host.CreateNoSecDeviceAsync(device.Endpoint);
        ListQueuedResponse fresh = await _rpc.ListQueuedAsync(new ListQueuedRequest { Device = device }, ControlTestHost.As());

        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.Empty(fresh.Requests);
        Assert.Equal(0ul, fresh.ExpiredTotal);
    }

    private async Task<string> QueueAsync(DeviceRef device, string method, string paramsJson)
    {
        ExecuteRpcResponse response = await _rpc.ExecuteAsync(new ExecuteRpcRequest { Device = device, Method = method, ParamsJson = paramsJson }, ControlTestHost.As());
        Assert.Equal("QUEUED", response.Result);
        using JsonDocument json = JsonDocument.Parse(response.ResultJson);
        return json.RootElement.GetProperty("value").GetString()!;
    }

    private async Task<(DeviceRef Device, Lwm2mClient Client)> SleepingDeviceAsync(string prefix)
    {
        string endpoint = await _host.CreateNoSecDeviceAsync(ControlTestHost.NewEndpoint(prefix));
        Lwm2mClient client = await _host.StartClientAsync(endpoint, queueMode: true);
        return (new DeviceRef { Endpoint = endpoint }, client);
    }
}
