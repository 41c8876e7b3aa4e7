using System.Net;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Simulator;

/// <summary>Command-line options of the device simulator.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The server's CoAP end point (default 127.0.0.1:5685).</summary>
    public IPEndPoint Server { get; init; } = new(IPAddress.Loopback, 5685);

    /// <summary>Endpoint name prefix; devices are named prefix-1, prefix-2... (a single device is named prefix).</summary>
    public string Endpoint { get; init; } = "fastlwm2m-sim";

    /// <summary>Number of simulated devices.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Registration lifetime, seconds.</summary>
    public uint LifetimeSeconds { get; init; } = 300;

    /// <summary>LwM2M version the devices register with.</summary>
    public Lwm2mVersion Version { get; init; } = Lwm2mVersion.V1_1;

    /// <summary>How often the simulated sensors change (battery, signal, location).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to run; null until Ctrl-C.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Queue mode.</summary>
    public bool QueueMode { get; init; }

    /// <summary>Usage text.</summary>
    public const string Usage = """
        fastlwm2m-sim: LwM2M devices (objects 0,1,3,4,5,6,9,19) that register with a server and change their values.

        Options:
          --server HOST:PORT   server CoAP end point (default 127.0.0.1:5685)
          --endpoint NAME      endpoint name, or prefix when --count > 1 (default fastlwm2m-sim)
          --count N            number of devices, 1-1000 (default 1)
          --lifetime SECONDS   registration lifetime (default 300)
          --lwm2m 1.0|1.1|1.2  LwM2M version (default 1.1)
          --interval SECONDS   how often values change (default 5)
          --duration SECONDS   stop after this long (default: until Ctrl-C)
          --queue              queue mode
        """;

    /// <summary>Parses arguments; returns null with an error naming the option.</summary>
    public static SimulatorOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var options = new SimulatorOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string? Next()
            {
                if (i + 1 >= args.Count)
                {
                    return null;
                }

                return args[++i];
            }

            switch (name)
            {
                case "--server":
                    if (Next() is not { } server || !IPEndPoint.TryParse(server, out var endPoint) || endPoint.Port == 0)
                    {
                        error = "--server needs HOST:PORT, e.g. 127.0.0.1:5685";
                        return null;
                    }

                    options = options with { Server = endPoint };
                    break;
                case "--endpoint":
                    if (Next() is not { Length: > 0 } endpoint)
                    {
                        error = "--endpoint needs a name";
                        return null;
                    }

                    options = options with { Endpoint = endpoint };
                    break;
                case "--count":
                    if (!int.TryParse(Next(), out int count) || count is < 1 or > 1000)
                    {
                        error = "--count needs a number from 1 to 1000";
                        return null;
                    }

                    options = options with { Count = count };
                    break;
                case "--lifetime":
                    if (!uint.TryParse(Next(), out uint lifetime) || lifetime == 0)
                    {
                        error = "--lifetime needs a positive number of seconds";
                        return null;
                    }

                    options = options with { LifetimeSeconds = lifetime };
                    break;
                case "--lwm2m":
                    if (Next() is not { } v || !Lwm2mVersions.TryParse(System.Text.Encoding.ASCII.GetBytes(v), out var version))
                    {
                        error = "--lwm2m needs 1.0, 1.1 or 1.2";
                        return null;
                    }

                    options = options with { Version = version };
                    break;
                case "--interval":
                    if (!double.TryParse(Next(), System.Globalization.CultureInfo.InvariantCulture, out double interval) || interval <= 0)
                    {
                        error = "--interval needs a positive number of seconds";
                        return null;
                    }

                    options = options with { Interval = TimeSpan.FromSeconds(interval) };
                    break;
                case "--duration":
                    if (!double.TryParse(Next(), System.Globalization.CultureInfo.InvariantCulture, out double duration) || duration <= 0)
                    {
                        error = "--duration needs a positive number of seconds";
                        return null;
                    }

                    options = options with { Duration = TimeSpan.FromSeconds(duration) };
                    break;
                case "--queue":
                    options = options with { QueueMode = true };
                    break;
                default:
                    error = $"unknown option '{name}'";
                    return null;
            }
        }

        return options;
    }
}
