using FastLwm2m.Cli;

namespace FastLwm2m.Cli.Tests;

/// <summary>What one in-process run of <c>fastlwm2m</c> returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>Runs <see cref="Program.RunAsync"/> against the test host, with <c>--server</c> set.</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(CliTestHost host, string[] args, string stdin = "")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await Program.RunAsync([.. args, "--server", host.Address, "--timeout", "10"], new StringReader(stdin), stdout, stderr)
            .WaitAsync(TimeSpan.FromSeconds(20));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
