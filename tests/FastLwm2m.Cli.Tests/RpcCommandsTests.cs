using System.Text.Json;
using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;

namespace FastLwm2m.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class RpcCommandsTests(CliTestHost host)
{
    [Fact]
    public async Task Rpc_ReadOnRegisteredClient_PrintsContent()
    {
        string endpoint = await CreateDeviceAsync("rpc");
        Lwm2mClient client = await host.StartClientAsync(endpoint);
        try
        {
            client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(87));

            CliResult result = await CliRun.RunAsync(host, ["rpc", endpoint, "Read", """{"id":"/3/0/9"}""", "--json"]);

            Assert.True(result.ExitCode == 0, result.ToString());
            using JsonDocument json = JsonDocument.Parse(result.Out);
            Assert.Equal("CONTENT", json.RootElement.GetProperty("result").GetString());
            Assert.Contains("87", json.RootElement.GetProperty("value").GetString());
        }
        finally
        {
            await client.StopAsync().WaitAsync(CliTestHost.Timeout);
        }
    }

    [Fact]
    public async Task Rpc_Discover_PrintsLinkFormatUnescapedForPeople()
    {
        string endpoint = await CreateDeviceAsync("discover");
        Lwm2mClient client = await host.StartClientAsync(endpoint);
        try
        {
            CliResult result = await CliRun.RunAsync(host, ["rpc", endpoint, "Discover", """{"id":"/3/0/9"}"""]);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("</3/0/9>", result.Out);
            Assert.DoesNotContain("\\u003C", result.Out);
        }
        finally
        {
            await client.StopAsync().WaitAsync(CliTestHost.Timeout);
        }
    }

    [Fact]
    public async Task Rpc_ReadOfMissingResource_IsDeviceError()
    {
        string endpoint = await CreateDeviceAsync("rpcmissing");
        Lwm2mClient client = await host.StartClientAsync(endpoint);
        try
        {
            CliResult result = await CliRun.RunAsync(host, ["rpc", endpoint, "Read", """{"id":"/3/0/4242"}"""]);

            Assert.Equal(4, result.ExitCode);
            Assert.Contains("NOT_FOUND", result.Out);
            Assert.Contains("the device answered NOT_FOUND", result.Error);
        }
        finally
        {
            await client.StopAsync().WaitAsync(CliTestHost.Timeout);
        }
    }

    [Fact]
    public async Task Rpc_OnUnregisteredDevice_IsDeviceError()
    {
        string endpoint = await CreateDeviceAsync("asleep");

        CliResult result = await CliRun.RunAsync(host, ["rpc", endpoint, "Read", """{"id":"/3/0/9"}"""]);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal($"error: device {endpoint} is not registered (FailedPrecondition)", result.Error.Trim());
    }

    [Fact]
    public async Task Rpc_WithoutMethod_IsUsageError()
    {
        CliResult result = await CliRun.RunAsync(host, ["rpc", "ep1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("METHOD", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Terminal_RunsEachLine_AndPrintsEachJsonResult()
    {
        string endpoint = await CreateDeviceAsync("term");
        Lwm2mClient client = await host.StartClientAsync(endpoint);
        try
        {
            CliResult result = await CliRun.RunAsync(host, ["terminal", endpoint, "--json"], stdin: """
                Read {"id":"/3/0/9"}
                DiscoverAll
                history
                exit
                Read {"id":"/3/0/0"}
                """);

            Assert.True(result.ExitCode == 0, result.ToString());
            string[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            using JsonDocument read = JsonDocument.Parse(lines[0]);
            using JsonDocument discover = JsonDocument.Parse(lines[1]);
            Assert.Equal("CONTENT", read.RootElement.GetProperty("result").GetString());
            Assert.Equal("CONTENT", discover.RootElement.GetProperty("result").GetString());
            Assert.Equal(["1  Read {\"id\":\"/3/0/9\"}", "2  DiscoverAll"], lines[2..]);
        }
        finally
        {
            await client.StopAsync().WaitAsync(CliTestHost.Timeout);
        }
    }

    [Fact]
    public async Task Terminal_BadLine_PrintsTheErrorAndGoesOn()
    {
        string endpoint = await CreateDeviceAsync("termbad");

        CliResult result = await CliRun.RunAsync(host, ["terminal", endpoint], stdin: "Read [1]\nRead {\"id\":\"/3/0/9\"}\n");

        Assert.Equal(4, result.ExitCode);
        string[] errors = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.Contains("must be a JSON object", errors[0]);
        Assert.Contains("not registered", errors[1]);
    }

    private Task<string> CreateDeviceAsync(string prefix) => host.CreateNoSecDeviceAsync(CliTestHost.NewEndpoint(prefix));
}
