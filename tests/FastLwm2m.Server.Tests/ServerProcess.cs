using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FastLwm2m.Server.Tests;

/// <summary>The server host as a child process on 127.0.0.1 (ports 0, read back from its log), with its own store file.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _directory;

    private ServerProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public int CoapPort { get; private set; }

    public int HttpPort { get; private set; }

    public int ControlPort { get; private set; }

    public string StorePath => Path.Combine(_directory, "fastlwm2m.db");

    public IEnumerable<string> Lines => _lines;

    public Process Process => _process;

    public static ServerProcess Launch(IDictionary<string, string>? environment = null, string? directory = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "fastlwm2m-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FastLwm2m.Server.dll"));
        start.Environment["FastLwm2m__Coap__Address"] = "127.0.0.1";
        start.Environment["FastLwm2m__Coap__Port"] = "0";
        start.Environment["FastLwm2m__Http__Urls"] = "http://127.0.0.1:0";
        start.Environment["FastLwm2m__Control__Url"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var server = new ServerProcess(Process.Start(start)!, directory);
        server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (CoapPort == 0 && CoapPortPattern().Match(line) is { Success: true } coap)
        {
            CoapPort = int.Parse(coap.Groups[1].Value);
        }

        if (HttpPort == 0 && HttpPortPattern().Match(line) is { Success: true } http)
        {
            ControlPort = int.Parse(http.Groups[1].Value);
            HttpPort = int.Parse(http.Groups[2].Value);
        }
    }

    public async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (CoapPort == 0 || HttpPort == 0)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the server did not start: {string.Join(Environment.NewLine, _lines)}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [GeneratedRegex(@"listening on udp/[^\s]*:(\d+) ")]
    private static partial Regex CoapPortPattern();

    [GeneratedRegex(@"gRPC control plane on https?://127\.0\.0\.1:(\d+) \(HTTP/2\); metrics and health on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex HttpPortPattern();
}
