using FastLwm2m.Control.V1;

namespace FastLwm2m.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class EventsCommandsTests(CliTestHost host)
{
    [Fact]
    public async Task Events_CountOneKindLog_PrintsALogLineAppendedAfterSubscribing()
    {
        string endpoint = await host.CreateNoSecDeviceAsync(CliTestHost.NewEndpoint("events"));

        Task<CliResult> run = CliRun.RunAsync(host, ["events", "--count", "1", "--kind", "log", "--device", endpoint]);
        // The CLI subscribes at some point after the start: append until it has printed the line.
        using var timeout = new CancellationTokenSource(CliTestHost.Timeout);
        while (!run.IsCompleted && !timeout.IsCancellationRequested)
        {
            host.TransportLog.Append(endpoint, "tail me");
            await Task.WhenAny(run, Task.Delay(50, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        }

        CliResult result = await run;

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string line = Assert.Single(lines);
        Assert.Contains("log", line);
        Assert.Contains(endpoint, line);
        Assert.EndsWith("tail me", line);
    }
}
