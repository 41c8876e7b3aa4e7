using System.Text.Json;
using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m;
using PlatformPoint = FastLwm2m.Platform.Telemetry.TelemetryPoint;

namespace FastLwm2m.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class TelemetryCommandsTests(CliTestHost host)
{
    [Fact]
    public async Task Latest_PrintsTheLastValueOfEachKey()
    {
        string endpoint = await CreateDeviceAsync("telemetry");
        await host.Telemetry.AppendAsync(
        [
            new PlatformPoint(endpoint, "temperature", 1_000, Lwm2mValue.FromFloat(20.5)),
            new PlatformPoint(endpoint, "temperature", 2_000, Lwm2mValue.FromFloat(21.5)),
            new PlatformPoint(endpoint, "batteryLevel", 2_000, Lwm2mValue.FromInteger(87)),
        ]);

        CliResult table = await CliRun.RunAsync(host, ["telemetry", "latest", endpoint]);
        CliResult json = await CliRun.RunAsync(host, ["telemetry", "latest", endpoint, "--json"]);
        CliResult history = await CliRun.RunAsync(host, ["telemetry", "history", endpoint, "temperature", "--from", "0", "--to", "10000"]);

        Assert.True(table.ExitCode == 0, table.ToString());
        string[] lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("KEY", lines[0]);
        Assert.StartsWith("batteryLevel", lines[1]);
        Assert.EndsWith("87", lines[1]);
        Assert.EndsWith("21.5", lines[2]);
        using JsonDocument document = JsonDocument.Parse(json.Out);
        Assert.Equal(2, document.RootElement.GetProperty("points").GetArrayLength());
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Equal(3, history.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task History_WithBadTime_IsUsageError()
    {
        CliResult result = await CliRun.RunAsync(host, ["telemetry", "history", "x", "temperature", "--from", "yesterday-ish"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--from", result.Error);
    }

    [Fact]
    public async Task Latest_UnknownDevice_IsServerError()
    {
        CliResult result = await CliRun.RunAsync(host, ["telemetry", "latest", "nobody-" + Guid.NewGuid().ToString("N")]);

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Log_PrintsTheLatestLines()
    {
        string endpoint = await CreateDeviceAsync("log");
        host.TransportLog.Append(endpoint, "first");
        host.TransportLog.Append(endpoint, "second");
        host.TransportLog.Append(endpoint, "third");

        CliResult result = await CliRun.RunAsync(host, ["log", endpoint, "--limit", "2"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("second", lines[0]);
        Assert.EndsWith("third", lines[1]);
    }

    private Task<string> CreateDeviceAsync(string prefix) => host.CreateNoSecDeviceAsync(CliTestHost.NewEndpoint(prefix));
}
