using System.Text.Json;

namespace FastLwm2m.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class DevicesCommandsTests(CliTestHost host)
{
    [Fact]
    public async Task CreateNoSec_ThenListJson_ContainsTheDevice()
    {
        string endpoint = CliTestHost.NewEndpoint("ep");

        CliResult created = await CliRun.RunAsync(host, ["devices", "create", "--name", "d1", "--nosec", endpoint, "--profile", host.ProfileId.ToString()]);
        CliResult listed = await CliRun.RunAsync(host, ["devices", "list", "--json"]);
        CliResult table = await CliRun.RunAsync(host, ["devices", "list"]);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains(endpoint, created.Out);
        Assert.Equal(0, listed.ExitCode);
        using JsonDocument json = JsonDocument.Parse(listed.Out);
        JsonElement device = json.RootElement.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("endpoint").GetString() == endpoint);
        Assert.Equal("d1", device.GetProperty("name").GetString());
        Assert.Equal("CREDENTIALS_TYPE_NOSEC", device.GetProperty("credentialsType").GetString());
        Assert.StartsWith("NAME", table.Out);
        Assert.Contains(table.Out.Split('\n'), l => l.StartsWith("d1 ", StringComparison.Ordinal) && l.Contains(endpoint) && l.Contains("nosec"));
    }

    [Fact]
    public async Task CreatePsk_WithShortKey_IsServerErrorNamingTheField()
    {
        CliResult result = await CliRun.RunAsync(host,
        [
            "devices", "create", CliTestHost.NewEndpoint("psk"), "--profile", host.ProfileId.ToString(),
            "--psk-identity", "id-short", "--psk-key", "000102030405060708090a0b0c0d0e0",
        ]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Out);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("credentials.psk.key_hex", line);
    }

    [Fact]
    public async Task Create_WithTwoSecurityModes_IsUsageError()
    {
        CliResult result = await CliRun.RunAsync(host,
            ["devices", "create", CliTestHost.NewEndpoint("two"), "--profile", host.ProfileId.ToString(), "--nosec", "--x509", "ca"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("only one security mode", result.Error);
    }

    [Fact]
    public async Task Create_WithoutProfile_IsUsageError()
    {
        CliResult result = await CliRun.RunAsync(host, ["devices", "create", CliTestHost.NewEndpoint("noprofile"), "--nosec"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--profile", result.Error);
    }

    [Fact]
    public async Task Show_ThenDelete_ThenShow_IsNotFound()
    {
        string endpoint = CliTestHost.NewEndpoint("del");
        Assert.Equal(0, (await CliRun.RunAsync(host, ["devices", "create", endpoint, "--nosec", "--profile", host.ProfileId.ToString()])).ExitCode);

        CliResult shown = await CliRun.RunAsync(host, ["devices", "show", endpoint]);
        CliResult deleted = await CliRun.RunAsync(host, ["devices", "delete", endpoint]);
        CliResult gone = await CliRun.RunAsync(host, ["devices", "show", endpoint]);

        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("registered", shown.Out);
        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal(3, gone.ExitCode);
        Assert.Contains("(NotFound)", gone.Error);
    }

    [Fact]
    public async Task Tenant_SeesOnlyItsOwnDevices()
    {
        string endpoint = CliTestHost.NewEndpoint("sys");
        Assert.Equal(0, (await CliRun.RunAsync(host, ["devices", "create", endpoint, "--nosec", "--profile", host.ProfileId.ToString()])).ExitCode);

        CliResult listed = await CliRun.RunAsync(host, ["devices", "list", "--json", "--tenant", "acme"]);

        Assert.Equal(0, listed.ExitCode);
        Assert.DoesNotContain(endpoint, listed.Out);
    }

    [Fact]
    public async Task UnreachableServer_IsServerError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = await Program.RunAsync(["devices", "list", "--server", "http://127.0.0.1:1"], new StringReader(""), stdout, stderr);

        Assert.Equal(3, code);
        Assert.StartsWith("error: cannot reach the server at http://127.0.0.1:1", stderr.ToString());
    }

    [Fact]
    public async Task NoCommand_IsUsageError()
    {
        CliResult result = await CliRun.RunAsync(host, []);

        Assert.Equal(2, result.ExitCode);
    }
}
