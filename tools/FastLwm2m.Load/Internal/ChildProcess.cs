using System.Diagnostics;
using System.Globalization;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// A process the harness started and will stop: the baseline responder (a copy of this tool
/// run as <c>responder</c>, so its CPU time can be read from /proc like the server's) or a
/// server command. Stopping sends SIGTERM, then kills after a grace period; only this process,
/// by its id.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private ChildProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Id => _process.Id;

    /// <summary>The port the child listens on (known for the responder; the requested one for a server command).</summary>
    public int Port { get; }

    /// <summary>
    /// Starts <c>FastLwm2m.Load responder</c> and reads the port it bound from its first line of
    /// output ("port N"), so port 0 works. The child exits when its standard input closes.
    /// </summary>
    public static ChildProcess StartResponder(string address, int port, int threads)
    {
        var start = SelfStartInfo();
        foreach (string argument in new[] { "responder", "--address", address, "--port", port.ToString(CultureInfo.InvariantCulture), "--threads", threads.ToString(CultureInfo.InvariantCulture), "--until-stdin-closes" })
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the responder.");
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(StartTimeout) || line.Result is not { } text || !text.StartsWith("port ", StringComparison.Ordinal))
        {
            TryKill(process);
            throw new InvalidOperationException("The responder did not report its port.");
        }

        return new ChildProcess(process, int.Parse(text["port ".Length..], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Starts <paramref name="command"/> through /bin/sh with <c>exec</c>, so the process id is
    /// the command's own; its output goes to <paramref name="logPath"/>, never to our stdout.
    /// </summary>
    public static ChildProcess StartCommand(string command, string logPath, int port)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {command} >>\"$FASTLWM2M_LOAD_SERVER_LOG\" 2>&1");
        start.Environment["FASTLWM2M_LOAD_SERVER_LOG"] = logPath;
        start.RedirectStandardInput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{command}'.");
        return new ChildProcess(process, port);
    }

    private static ProcessStartInfo SelfStartInfo()
    {
        string self = Environment.ProcessPath ?? "dotnet";
        if (string.Equals(Path.GetFileNameWithoutExtension(self), "FastLwm2m.Load", StringComparison.Ordinal))
        {
            return new ProcessStartInfo(self) { UseShellExecute = false };
        }

        // Run through the dotnet host (as under a test runner): dotnet FastLwm2m.Load.dll responder …
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")
            ?? (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.Ordinal) ? self : "dotnet");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        return start;
    }

    public void Dispose()
    {
        try
        {
            if (_process.HasExited)
            {
                return;
            }

            _process.StandardInput.Close();
            Libc.Kill(_process.Id, Libc.SIGTERM);
            if (!_process.WaitForExit(StopGrace))
            {
                TryKill(_process);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill();
            process.WaitForExit(StopGrace);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
