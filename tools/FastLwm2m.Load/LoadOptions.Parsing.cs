using System.Globalization;
using System.Net;

namespace FastLwm2m.Load;

/// <summary>Command-line parsing of <see cref="LoadOptions"/>.</summary>
public sealed partial record LoadOptions
{
    /// <summary>The command-line help.</summary>
    public const string Usage = """
        FastLwm2m.Load — simulated LwM2M clients against a CoAP server, one JSON line of results.

        usage: FastLwm2m.Load register|update [options]
               FastLwm2m.Load responder [--address A] [--port P] [--threads N]   (until SIGTERM/Ctrl+C)

          --clients N            simulated clients, each with its own source address:port (1000)
          --duration S           measured seconds, after the warm-up (10)
          --warmup S             seconds run but not counted (2)
          --ramp S               clients start spread over S seconds (half the warm-up)
          --host H --port P      server (127.0.0.1:5685); non-loopback needs --allow-remote
          --threads N            client threads, one socket each (1)
          --transport T          auto|addresses|sockets (auto: addresses on loopback)
          --source-base A        first client address for 'addresses' (127.1.0.0)
          --think-ms MS          pause between a response and the next request (0: closed loop)
          --ack-timeout S        ACK_TIMEOUT (2); --max-retransmit N: MAX_RETRANSMIT (4)
          --lifetime S           lt= of Register (300); --endpoint-prefix P: names are P<index>
          --reregister           register scenario: register again instead of de-registering
          --baseline             start the do-nothing responder (a child process) and load it
          --responder-threads N  its receive threads (cores minus --threads, at least 1)
          --server-pid PID       report this process's CPU per operation and RSS
          --server-cmd "CMD"     start the server with CMD (sh -c), report it, stop it at the end
          --server-log FILE      output of --server-cmd (/dev/null)
          --wait-ready S         wait up to S seconds for the server to answer a CoAP ping (30; 0: skip)
        """;

    /// <summary>
    /// Parses <c>register|update [options]</c>; throws <see cref="ArgumentException"/> on an
    /// unknown option or a bad value (<see cref="Validate"/> checks the combination).
    /// </summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new ArgumentException("Missing scenario: register or update.");
        }

        var options = new LoadOptions
        {
            Scenario = args[0] switch
            {
                "register" => LoadScenario.Register,
                "update" => LoadScenario.Update,
                _ => throw new ArgumentException($"Unknown scenario '{args[0]}': register or update."),
            },
        };

        for (int i = 1; i < args.Count; i++)
        {
            string name = args[i];
            options = name switch
            {
                "--clients" => options with { Clients = Int(args, ref i) },
                "--duration" => options with { Duration = Seconds(args, ref i) },
                "--warmup" => options with { Warmup = Seconds(args, ref i) },
                "--ramp" => options with { Ramp = Seconds(args, ref i) },
                "--host" => options with { Host = Value(args, ref i) },
                "--port" => options with { Port = Int(args, ref i) },
                "--allow-remote" => options with { AllowRemote = true },
                "--threads" => options with { Threads = Int(args, ref i) },
                "--transport" => options with { Transport = TransportValue(args, ref i) },
                "--source-base" => options with { SourceBase = Address(args, ref i) },
                "--think-ms" => options with { Think = TimeSpan.FromMilliseconds(Int(args, ref i)) },
                "--ack-timeout" => options with { AckTimeout = Seconds(args, ref i) },
                "--max-retransmit" => options with { MaxRetransmit = Int(args, ref i) },
                "--lifetime" => options with { Lifetime = Int(args, ref i) },
                "--endpoint-prefix" => options with { EndpointPrefix = Value(args, ref i) },
                "--reregister" => options with { Reregister = true },
                "--baseline" => options with { Baseline = true },
                "--responder-threads" => options with { ResponderThreads = Int(args, ref i) },
                "--server-pid" => options with { ServerPid = Int(args, ref i) },
                "--server-cmd" => options with { ServerCommand = Value(args, ref i) },
                "--server-log" => options with { ServerLog = Value(args, ref i) },
                "--wait-ready" => options with { WaitReady = Seconds(args, ref i) },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        // With --baseline and no --port, let the responder pick a free port.
        if (options.Baseline && !args.Contains("--port"))
        {
            options = options with { Port = 0 };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]}: missing value.");
        }

        return args[++i];
    }

    private static int Int(IReadOnlyList<string> args, ref int i)
    {
        string name = args[i];
        string value = Value(args, ref i);
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result)
            ? result
            : throw new ArgumentException($"{name}: '{value}' is not an integer.");
    }

    private static TimeSpan Seconds(IReadOnlyList<string> args, ref int i)
    {
        string name = args[i];
        string value = Value(args, ref i);
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name}: '{value}' is not a number of seconds.");
    }

    private static IPAddress Address(IReadOnlyList<string> args, ref int i)
    {
        string name = args[i];
        string value = Value(args, ref i);
        return IPAddress.TryParse(value, out var address) ? address : throw new ArgumentException($"{name}: '{value}' is not an IP address.");
    }

    private static LoadTransport TransportValue(IReadOnlyList<string> args, ref int i)
    {
        string value = Value(args, ref i);
        return value switch
        {
            "auto" => LoadTransport.Auto,
            "addresses" => LoadTransport.Addresses,
            "sockets" => LoadTransport.Sockets,
            _ => throw new ArgumentException($"--transport: '{value}' is not auto, addresses or sockets."),
        };
    }
}
