using System.Net;
using System.Net.Sockets;

namespace FastLwm2m.Load;

/// <summary>The settings of one load run; <see cref="Parse"/> reads them from the command line.</summary>
public sealed partial record LoadOptions
{
    /// <summary>The link-format payload of every Register (OMA LwM2M 1.1 Transport §6.4.1).</summary>
    public const string DefaultObjectLinks = "</>;rt=\"oma.lwm2m\";ct=60,</1/0>,</3/0>,</4/0>,</5/0>,</19/0>";

    // A Register must fit the harness's 512-byte request buffers.
    private const int MaxEndpointPrefixBytes = 64;
    private const int MaxObjectLinksBytes = 320;

    /// <summary>First simulated client address of the <see cref="LoadTransport.Addresses"/> transport.</summary>
    public static readonly IPAddress DefaultSourceBase = IPAddress.Parse("127.1.0.0");

    /// <summary>The scenario.</summary>
    public LoadScenario Scenario { get; init; } = LoadScenario.Register;

    /// <summary>Number of simulated clients.</summary>
    public int Clients { get; init; } = 1000;

    /// <summary>Measured window, after the warm-up.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time before the measured window; nothing done in it is counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Clients start spread over this long; null means half the warm-up.</summary>
    public TimeSpan? Ramp { get; init; }

    /// <summary>Server host (an IPv4 address or a name resolving to one).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Server port; with <see cref="Baseline"/>, 0 lets the responder pick one.</summary>
    public int Port { get; init; } = 5685;

    /// <summary>Permits a server that is not on a loopback address.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>Client threads (shards), each with its own socket and slice of clients.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>How clients get their own source address and port.</summary>
    public LoadTransport Transport { get; init; } = LoadTransport.Auto;

    /// <summary>First client address for <see cref="LoadTransport.Addresses"/> (in 127.0.0.0/8).</summary>
    public IPAddress SourceBase { get; init; } = DefaultSourceBase;

    /// <summary>ACK_TIMEOUT (RFC 7252 §4.8).</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>MAX_RETRANSMIT (RFC 7252 §4.8).</summary>
    public int MaxRetransmit { get; init; } = 4;

    /// <summary>Pause between a response and the client's next request; zero is a closed loop.</summary>
    public TimeSpan Think { get; init; } = TimeSpan.Zero;

    /// <summary>Registration lifetime sent as lt=.</summary>
    public int Lifetime { get; init; } = 300;

    /// <summary>Endpoint names are this prefix followed by the client index.</summary>
    public string EndpointPrefix { get; init; } = "load-";

    /// <summary>Register payload.</summary>
    public string ObjectLinks { get; init; } = DefaultObjectLinks;

    /// <summary>In the register scenario, register again instead of de-registering in between.</summary>
    public bool Reregister { get; init; }

    /// <summary>Start the baseline responder as a child process and measure against it.</summary>
    public bool Baseline { get; init; }

    /// <summary>
    /// Receive threads of the baseline responder; null means the cores the harness leaves
    /// (processors minus <see cref="Threads"/>, at least one): on two cores, two responder
    /// threads and a harness thread contend and the ceiling comes out lower than with one.
    /// </summary>
    public int? ResponderThreads { get; init; }

    /// <summary>The responder threads in effect.</summary>
    public int EffectiveResponderThreads => ResponderThreads ?? Math.Max(1, Environment.ProcessorCount - Threads);

    /// <summary>Process whose CPU time and memory are reported as the server's.</summary>
    public int? ServerPid { get; init; }

    /// <summary>A command that starts the server (run through /bin/sh, stopped at the end).</summary>
    public string? ServerCommand { get; init; }

    /// <summary>Where the output of <see cref="ServerCommand"/> goes.</summary>
    public string ServerLog { get; init; } = "/dev/null";

    /// <summary>How long to wait for the server to answer a CoAP ping first; zero skips the check.</summary>
    public TimeSpan WaitReady { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The ramp in effect.</summary>
    public TimeSpan EffectiveRamp => Ramp ?? Warmup / 2;

    /// <summary>
    /// Resolves <see cref="Host"/> and checks every setting; throws <see cref="ArgumentException"/>
    /// naming the option at fault.
    /// </summary>
    public IPAddress Validate()
    {
        Require(Clients > 0, "--clients", "must be positive");
        Require(Duration > TimeSpan.Zero, "--duration", "must be positive");
        Require(Warmup >= TimeSpan.Zero, "--warmup", "must not be negative");
        Require(EffectiveRamp >= TimeSpan.Zero, "--ramp", "must not be negative");
        Require(Port is >= 0 and <= 65535 && (Port != 0 || Baseline), "--port", "must be 1-65535 (0 only with --baseline)");
        Require(Threads > 0 && Threads <= Clients, "--threads", "must be between 1 and the number of clients");
        Require(AckTimeout > TimeSpan.Zero, "--ack-timeout", "must be positive");
        Require(MaxRetransmit is >= 0 and <= 20, "--max-retransmit", "must be 0-20");
        Require(Think >= TimeSpan.Zero, "--think-ms", "must not be negative");
        Require(Lifetime > 0, "--lifetime", "must be positive");
        Require(System.Text.Encoding.UTF8.GetByteCount(EndpointPrefix) <= MaxEndpointPrefixBytes, "--endpoint-prefix", $"must be at most {MaxEndpointPrefixBytes} bytes");
        Require(System.Text.Encoding.UTF8.GetByteCount(ObjectLinks) <= MaxObjectLinksBytes, "object links", $"must be at most {MaxObjectLinksBytes} bytes");
        Require(EffectiveResponderThreads > 0, "--responder-threads", "must be positive");
        Require(!(Baseline && (ServerPid is not null || ServerCommand is not null)), "--baseline", "excludes --server-pid and --server-cmd");
        Require(!(ServerPid is not null && ServerCommand is not null), "--server-pid", "excludes --server-cmd");

        IPAddress server = Resolve(Host);
        Require(server.AddressFamily == AddressFamily.InterNetwork, "--host", "must be an IPv4 address");
        Require(AllowRemote || IPAddress.IsLoopback(server), "--host", $"{server} is not a loopback address; pass --allow-remote to load a remote server");

        if (ResolveTransport(server) == LoadTransport.Addresses)
        {
            Require(IPAddress.IsLoopback(server), "--transport", "'addresses' needs a loopback server");
            byte[] bytes = SourceBase.GetAddressBytes();
            long first = ((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3];
            Require(SourceBase.AddressFamily == AddressFamily.InterNetwork && bytes[0] == 127, "--source-base", "must be in 127.0.0.0/8");
            Require(first + Clients <= 0x7FFF_FFFF, "--source-base", "leaves too few addresses in 127.0.0.0/8 for the clients");
        }

        return server;
    }

    /// <summary>The transport a run against <paramref name="server"/> uses.</summary>
    public LoadTransport ResolveTransport(IPAddress server) => Transport switch
    {
        LoadTransport.Auto => IPAddress.IsLoopback(server) ? LoadTransport.Addresses : LoadTransport.Sockets,
        var explicitChoice => explicitChoice,
    };

    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? throw new ArgumentException($"--host: '{host}' has no IPv4 address.");
        }
        catch (SocketException e)
        {
            throw new ArgumentException($"--host: cannot resolve '{host}': {e.Message}.", e);
        }
    }

    private static void Require(bool condition, string option, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{option}: {problem}.");
        }
    }
}
