using System.Text.Json;
using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m;
using PlatformAttribute = FastLwm2m.Platform.Attributes.AttributeValue;

namespace FastLwm2m.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class AttributesCommandsTests(CliTestHost host)
{
    [Fact]
    public async Task Get_PrintsTheLatestValueOfEachKey()
    {
        string endpoint = await CreateDeviceAsync("attributes");
        await host.Platform.Attributes.SetAsync(endpoint,
        [
            new PlatformAttribute("serialNumber", Lwm2mValue.FromString("SN-1"), 1_000),
            new PlatformAttribute("manufacturer", Lwm2mValue.FromString("Acme"), 2_000),
        ]);

        CliResult table = await CliRun.RunAsync(host, ["attributes", "get", endpoint]);
        CliResult json = await CliRun.RunAsync(host, ["attributes", "get", endpoint, "--json"]);

        Assert.True(table.ExitCode == 0, table.ToString());
        string[] lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("KEY", lines[0]);
        Assert.StartsWith("manufacturer", lines[1]);
        Assert.EndsWith("Acme", lines[1]);
        Assert.EndsWith("SN-1", lines[2]);
        using JsonDocument document = JsonDocument.Parse(json.Out);
        Assert.Equal(2, document.RootElement.GetProperty("attributes").GetArrayLength());
    }

    [Fact]
    public async Task Set_WithoutSharedAttributes_IsDeviceError()
    {
        string endpoint = await CreateDeviceAsync("shared");

        CliResult result = await CliRun.RunAsync(host, ["attributes", "set", endpoint, "timezone", "\"+2\""]);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("shared attributes are not enabled", result.Error);
    }

    [Fact]
    public async Task Get_UnknownDevice_IsServerError()
    {
        CliResult result = await CliRun.RunAsync(host, ["attributes", "get", "nobody-" + Guid.NewGuid().ToString("N")]);

        Assert.Equal(3, result.ExitCode);
    }

    private Task<string> CreateDeviceAsync(string prefix) => host.CreateNoSecDeviceAsync(CliTestHost.NewEndpoint(prefix));
}
