using System.Text.Json;
using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m.Client;

namespace FastLwm2m.Cli.Tests;

/// <summary><c>fastlwm2m queue list|show|cancel</c> and the queue lines of <c>devices show</c>, against a host whose queue-mode devices sleep.</summary>
public sealed class QueueCommandsTests : IAsyncLifetime
{
    private readonly CliTestHost _host = CliTestHost.WithSleepingQueueModeClients();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task RpcToASleepingDevice_IsQueued_ListedShownAndCancelled()
    {
        string endpoint = await _host.CreateNoSecDeviceAsync(CliTestHost.NewEndpoint("cli-queue"));
        Lwm2mClient client = await _host.StartClientAsync(endpoint, queueMode: true);
        try
        {
            CliResult rpc = await CliRun.RunAsync(_host, ["rpc", endpoint, "Read", """{"id":"/3/0/9"}""", "--json"]);
            Assert.True(rpc.ExitCode == 0, rpc.ToString());
            string id;
            using (JsonDocument json = JsonDocument.Parse(rpc.Out))
            {
                Assert.Equal("QUEUED", json.RootElement.GetProperty("result").GetString());
                id = json.RootElement.GetProperty("value").GetString()!;
            }

            CliResult list = await CliRun.RunAsync(_host, ["queue", "list", endpoint]);
            CliResult show = await CliRun.RunAsync(_host, ["queue", "show", id, "--json"]);
            CliResult device = await CliRun.RunAsync(_host, ["devices", "show", endpoint]);
            CliResult cancel = await CliRun.RunAsync(_host, ["queue", "cancel", id]);
            CliResult cancelAgain = await CliRun.RunAsync(_host, ["queue", "cancel", id]);
            CliResult shown = await CliRun.RunAsync(_host, ["queue", "show", id]);
            CliResult badId = await CliRun.RunAsync(_host, ["queue", "show", "not-a-uuid"]);

            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Contains(id, list.Out);
            Assert.Contains("1 queued, 0 expired in total", list.Out);
            Assert.True(show.ExitCode == 0, show.ToString());
            using (JsonDocument json = JsonDocument.Parse(show.Out))
            {
                Assert.Equal("QUEUED_REQUEST_STATE_QUEUED", json.RootElement.GetProperty("state").GetString());
                Assert.Equal("Read", json.RootElement.GetProperty("method").GetString());
            }

            Assert.Matches(@"queued requests\s+1", device.Out);
            Assert.True(cancel.ExitCode == 0, cancel.ToString());
            Assert.Matches(@"state\s+cancelled", cancel.Out);
            Assert.Equal(4, cancelAgain.ExitCode); // FAILED_PRECONDITION: the CLI counts it with the device errors
            Assert.Contains("no longer queued: cancelled", cancelAgain.Error);
            Assert.Equal(4, shown.ExitCode); // it never reached the device
            Assert.Contains("\"result\":\"CANCELED\"", shown.Out);
            Assert.Equal(2, badId.ExitCode);
            Assert.Contains("ID: expected the request id (a UUID)", badId.Error);
        }
        finally
        {
            await client.StopAsync().WaitAsync(CliTestHost.Timeout);
        }
    }
}
