using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PlatformPoint = FastLwm2m.Platform.Telemetry.TelemetryPoint;

namespace FastLwm2m.Control.Tests;

[Collection(ControlCollection.Name)]
public sealed class TelemetryAndTransportLogTests(ControlTestHost host)
{
    private readonly Telemetry.TelemetryClient _telemetry = new(host.Channel);
    private readonly TransportLog.TransportLogClient _log = new(host.Channel);

    [Fact]
    public async Task Latest_AfterPointsAreAppended_ReturnsTheLastValueOfEachKey()
    {
        string endpoint = await CreateDeviceAsync("telemetry");
        await host.Telemetry.AppendAsync(
        [
            new PlatformPoint(endpoint, "temperature", 1_000, Lwm2mValue.FromFloat(20.5)),
            new PlatformPoint(endpoint, "temperature", 2_000, Lwm2mValue.FromFloat(21.5)),
            new PlatformPoint(endpoint, "batteryLevel", 2_000, Lwm2mValue.FromInteger(87)),
        ]);

        LatestTelemetryResponse latest = await _telemetry.LatestAsync(
            new LatestTelemetryRequest { Device = new DeviceRef { Endpoint = endpoint } }, ControlTestHost.As());
        TelemetryHistoryResponse history = await _telemetry.HistoryAsync(new TelemetryHistoryRequest
        {
            Device = new DeviceRef { Endpoint = endpoint },
            Key = "temperature",
            From = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(0)),
            To = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(10_000)),
        }, ControlTestHost.As());

        Assert.Equal(["batteryLevel", "temperature"], latest.Points.Select(p => p.Key));
        Assert.Equal(87, latest.Points[0].Value.IntegerValue);
        Assert.Equal(21.5, latest.Points[1].Value.FloatValue);
        Assert.Equal([20.5, 21.5], history.Points.Select(p => p.Value.FloatValue));
    }

    [Fact]
    public async Task History_WithoutKey_IsInvalidArgumentNamingTheField()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _telemetry.HistoryAsync(
            new TelemetryHistoryRequest { Device = new DeviceRef { Endpoint = "x" } }, ControlTestHost.As()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("key:", e.Status.Detail);
    }

    [Fact]
    public async Task TransportLog_Get_ReturnsTheLatestLines()
    {
        string endpoint = await CreateDeviceAsync("log");
        host.TransportLog.Append(endpoint, "first");
        host.TransportLog.Append(endpoint, "second");
        host.TransportLog.Append(endpoint, "third");

        GetTransportLogResponse response = await _log.GetAsync(
            new GetTransportLogRequest { Device = new DeviceRef { Endpoint = endpoint }, Limit = 2 }, ControlTestHost.As());

        Assert.Equal(["second", "third"], response.Entries.Select(e => e.Message));
    }

    private Task<string> CreateDeviceAsync(string prefix) => host.CreateNoSecDeviceAsync(ControlTestHost.NewEndpoint(prefix));
}
