using System.Diagnostics;

namespace FastLwm2m.Server.Tests;

/// <summary>The <c>fastlwm2m</c> CLI as a child process, as an operator runs it against a server's control plane.</summary>
internal sealed class CliProcess(ServerProcess server, string apiKey)
{
    /// <summary>One finished run: exit code and what it printed.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}; stdout: {Output}; stderr: {Error}";
    }

    public async Task<Result> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fastlwm2m.dll"));
        start.ArgumentList.Add("--server");
        start.ArgumentList.Add($"http://127.0.0.1:{server.ControlPort}");
        start.ArgumentList.Add("--api-key");
        start.ArgumentList.Add(apiKey);
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fastlwm2m {string.Join(' ', arguments)} did not finish in 60 s");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the command and expects exit code 0.</summary>
    public async Task<string> RunOkAsync(params string[] arguments)
    {
        Result result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"fastlwm2m {string.Join(' ', arguments)}: {result}");
        return result.Output;
    }

    /// <summary>Runs the command until its output satisfies <paramref name="condition"/>, for up to 30 s.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> condition, params string[] arguments)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            string output = await RunOkAsync(arguments);
            if (condition(output))
            {
                return output;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"fastlwm2m {string.Join(' ', arguments)} never printed what was expected; last output: {output}");
            }

            await Task.Delay(100);
        }
    }
}
