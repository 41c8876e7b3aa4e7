using System.Diagnostics;
using System.Text;

namespace FastLwm2m.Interop.Tests;

/// <summary>
/// One run of libcoap's <c>coap-client-notls</c> (Debian package libcoap3-bin): started with
/// arguments, its stdout and stderr captured as they arrive, killed if it outlives a hard
/// timeout. coap-client exits 0 even when the request failed, so tests assert on what it printed.
/// </summary>
internal sealed class CoapClientProcess : IAsyncDisposable
{
    public const string Executable = "coap-client-notls";

    /// <summary>Default hard limit on a run; coap-client itself is told to give up sooner (-B).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _commandLine;
    private readonly object _gate = new();
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();
    private readonly Task _pumps;
    private TaskCompletionSource _outputChanged = NewSignal();

    private CoapClientProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
        _pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, _stdout),
            PumpAsync(process.StandardError.BaseStream, _stderr));
    }

    /// <summary>What coap-client wrote to stdout so far (the payloads it received).</summary>
    public string Output => Text(_stdout);

    /// <summary>What coap-client wrote to stderr so far (error codes such as "4.04", logs).</summary>
    public string Errors => Text(_stderr);

    /// <summary>Starts coap-client-notls; fails with an install hint if it is not on the PATH.</summary>
    public static CoapClientProcess Start(params string[] arguments)
    {
        string path = FindExecutable()
            ?? throw new InvalidOperationException(
                $"'{Executable}' was not found on the PATH: install libcoap3-bin (apt-get install -y libcoap3-bin) to run the libcoap interop tests.");

        var info = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {path}.");
        process.StandardInput.Close();
        return new CoapClientProcess(process, Executable + " " + string.Join(' ', arguments));
    }

    /// <summary>Runs coap-client to completion (killed after <paramref name="timeout"/>, default 15 s).</summary>
    public static async Task<CoapClientRun> RunAsync(string[] arguments, TimeSpan? timeout = null)
    {
        await using var client = Start(arguments);
        return await client.WaitForExitAsync(timeout ?? DefaultTimeout);
    }

    /// <summary>Waits until stdout satisfies <paramref name="condition"/>; fails with the output so far on timeout or exit.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> condition, TimeSpan timeout, string description)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _outputChanged.Task;
            }

            if (condition(Output))
            {
                return;
            }

            if (_pumps.IsCompleted)
            {
                throw new TimeoutException($"{_commandLine} ended before {description}.\n{Describe()}");
            }

            var remaining = TimeSpan.FromSeconds((double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {description}.\n{Describe()}");
            }

            await Task.WhenAny(changed, _pumps, Task.Delay(remaining));
        }
    }

    /// <summary>Waits for coap-client to exit by itself; kills it and fails if it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<CoapClientRun> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _pumps.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw new TimeoutException($"{_commandLine} did not exit within {timeout} and was killed.\n{Describe()}");
        }

        await _pumps.WaitAsync(TimeSpan.FromSeconds(5));
        return new CoapClientRun(_commandLine, _process.ExitCode, Output, Errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await _pumps.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }

    private string Describe() => $"command: {_commandLine}\nstdout: {Output}\nstderr: {Errors}";

    private string Text(MemoryStream stream)
    {
        lock (_gate)
        {
            return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        }
    }

    private async Task PumpAsync(Stream source, MemoryStream sink)
    {
        var buffer = new byte[4096];
        int n;
        while ((n = await source.ReadAsync(buffer)) > 0)
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                sink.Write(buffer, 0, n);
                changed = _outputChanged;
                _outputChanged = NewSignal();
            }

            changed.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string? FindExecutable()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, Executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
