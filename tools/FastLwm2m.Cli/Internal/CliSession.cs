using System.Text.Json;
using FastLwm2m.Control;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace FastLwm2m.Cli.Internal;

/// <summary>
/// One command's connection to the control plane: the channel, the tenant header, API key and deadline,
/// the output mode, and the mapping of failures to exit codes.
/// </summary>
internal sealed class CliSession : IDisposable
{
    private static readonly JsonFormatter s_formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    // Relaxed escaping: the guide's values hold link format (</3/0/9>), which must print as is.
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string? _tenant;
    private readonly string? _apiKey;
    private readonly TimeSpan _timeout;

    private CliSession(CliConsole console, string server, string? tenant, string? apiKey, bool json, TimeSpan timeout)
    {
        _apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim();
        Console = console;
        ServerAddress = server;
        _tenant = string.IsNullOrEmpty(tenant) ? null : tenant;
        Json = json;
        _timeout = timeout;
        Channel = GrpcChannel.ForAddress(server);
    }

    public CliConsole Console { get; }

    public string ServerAddress { get; }

    public bool Json { get; }

    public GrpcChannel Channel { get; }

    public static CliSession Open(System.CommandLine.ParseResult parsed, GlobalOptions options, CliConsole console)
    {
        string server = parsed.GetValue(options.Server) ?? GlobalOptions.DefaultServer;
        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new UsageException($"--server: expected an http:// or https:// address, got \"{server}\"");
        }

        double seconds = parsed.GetValue(options.Timeout);
        if (!(seconds > 0))
        {
            throw new UsageException($"--timeout: expected a positive number of seconds, got {seconds}");
        }

        return new CliSession(console, server, parsed.GetValue(options.Tenant), parsed.GetValue(options.ApiKey), parsed.GetValue(options.Json), TimeSpan.FromSeconds(seconds));
    }

    /// <summary>Call options with the tenant header, the API key and a fresh deadline.</summary>
    public CallOptions Call(CancellationToken cancellationToken) => new(
        headers: Headers(),
        deadline: DateTime.UtcNow + _timeout,
        cancellationToken: cancellationToken);

    /// <summary>Call options for a stream that runs until cancelled: the headers, no deadline.</summary>
    public CallOptions StreamCall(CancellationToken cancellationToken) => new(headers: Headers(), cancellationToken: cancellationToken);

    private Metadata? Headers()
    {
        if (_tenant is null && _apiKey is null)
        {
            return null;
        }

        var headers = new Metadata();
        if (_tenant is not null)
        {
            headers.Add(ControlMetadata.TenantHeader, _tenant);
        }

        if (_apiKey is not null)
        {
            headers.Add(ControlMetadata.AuthorizationHeader, "Bearer " + _apiKey);
        }

        return headers;
    }

    /// <summary>Prints a protobuf message as JSON (proto3 mapping, default values included).</summary>
    public void WriteJson(IMessage message) => Console.Out.WriteLine(s_formatter.Format(message));

    /// <summary>Prints a JSON text, indented for people unless <c>--json</c>.</summary>
    public void WriteJsonText(string json)
    {
        if (!Json)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(json);
                json = JsonSerializer.Serialize(document.RootElement, s_indented);
            }
            catch (JsonException)
            {
                // Not ours to fix: print what the server sent.
            }
        }

        Console.Out.WriteLine(json);
    }

    /// <summary>Runs one command body and maps its failures to an exit code and one stderr line.</summary>
    public static async Task<int> RunAsync(
        System.CommandLine.ParseResult parsed, GlobalOptions options, CliConsole console, CancellationToken cancellationToken,
        Func<CliSession, Task<int>> body)
    {
        try
        {
            using CliSession session = Open(parsed, options, console);
            return await session.GuardAsync(() => body(session));
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.Usage;
        }
    }

    /// <summary>Runs <paramref name="action"/>, turning a gRPC or usage failure into an exit code.</summary>
    public async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (RpcException e)
        {
            await Console.Error.WriteLineAsync(Describe(e));
            return ExitCodeOf(e.StatusCode);
        }
    }

    /// <summary>
    /// Device errors (not registered, no answer) are 4; everything else the server refuses is 3.
    /// </summary>
    public static int ExitCodeOf(StatusCode code) => code switch
    {
        StatusCode.OK => ExitCodes.Ok,
        StatusCode.FailedPrecondition or StatusCode.DeadlineExceeded => ExitCodes.Device,
        _ => ExitCodes.Server,
    };

    private string Describe(RpcException e) => e.StatusCode switch
    {
        StatusCode.Unavailable => $"error: cannot reach the server at {ServerAddress}: {FirstLine(e.Status.Detail)}",
        StatusCode.DeadlineExceeded when string.IsNullOrEmpty(e.Status.Detail) || e.Status.Detail == "Deadline Exceeded"
            => $"error: no answer within the timeout (--timeout) from {ServerAddress}",
        _ => $"error: {FirstLine(e.Status.Detail)} ({e.StatusCode})",
    };

    private static string FirstLine(string text)
    {
        int newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }

    public void Dispose() => Channel.Dispose();
}
