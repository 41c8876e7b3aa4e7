using System.Text;
using System.Text.Json;

namespace FastLwm2m.Load;

/// <summary>
/// The figures of one run. Counts cover the measured window only (warm-up excluded); latency
/// is that of the measured operation (Register in the register scenario, Update in the update
/// one) from its first transmission to its response, whatever the response code.
/// </summary>
public sealed record LoadResult
{
    public required string Scenario { get; init; }

    /// <summary>"baseline" (our responder), "server-cmd", "server-pid" or "external" (no process to read).</summary>
    public required string Target { get; init; }

    public required string Host { get; init; }
    public required int Port { get; init; }
    public required string Transport { get; init; }
    public required int Threads { get; init; }
    public required int Clients { get; init; }

    /// <summary>Clients that registered successfully at least once (warm-up included).</summary>
    public required int ClientsRegistered { get; init; }

    public required double WarmupSeconds { get; init; }

    /// <summary>The measured window actually run.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Measured operations answered 2.xx (registrations or updates).</summary>
    public required long Operations { get; init; }
    public required double OpsPerSecond { get; init; }

    /// <summary>All answered requests, de-registrations included.</summary>
    public required long Requests { get; init; }
    public required double RequestsPerSecond { get; init; }
    public required long Registrations { get; init; }
    public required long Deregistrations { get; init; }

    /// <summary>Number of latency samples.</summary>
    public required long LatencySamples { get; init; }
    public required double? LatencyP50Ms { get; init; }
    public required double? LatencyP90Ms { get; init; }
    public required double? LatencyP99Ms { get; init; }
    public required double? LatencyMaxMs { get; init; }

    public required long Retransmissions { get; init; }

    /// <summary>Requests abandoned after MAX_RETRANSMIT retransmissions (or a separate response that never came).</summary>
    public required long Timeouts { get; init; }

    /// <summary>Requests answered non-2.xx or with RST.</summary>
    public required long Errors { get; init; }

    /// <summary><see cref="Errors"/> by response code ("4.04"; "RST" for resets).</summary>
    public required IReadOnlyDictionary<string, long> ErrorCodes { get; init; }

    public required long Stray { get; init; }
    public required long Malformed { get; init; }
    public required long ServerRequests { get; init; }
    public required long SendErrors { get; init; }
    public required int InFlightAtEnd { get; init; }

    public required int? ServerPid { get; init; }

    /// <summary>Server CPU time (user + system) over the window divided by <see cref="Operations"/>, in µs.</summary>
    public required double? ServerCpuMicrosecondsPerOperation { get; init; }

    /// <summary>Server CPU time over the window divided by the window: cores kept busy.</summary>
    public required double? ServerCpuCores { get; init; }

    /// <summary>Server resident set (VmRSS) at the end, in MiB.</summary>
    public required double? ServerRssMebibytes { get; init; }

    public required double? HarnessCpuMicrosecondsPerOperation { get; init; }
    public required double? HarnessCpuCores { get; init; }

    /// <summary>
    /// Busy cores of the whole machine over the window (/proc/stat). Well above server plus
    /// harness, something else was running: the figures are suspect.
    /// </summary>
    public double? MachineCpuCores { get; init; }

    /// <summary>The result as one line of JSON (snake_case names).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("scenario", Scenario);
            json.WriteString("target", Target);
            json.WriteString("host", Host);
            json.WriteNumber("port", Port);
            json.WriteString("transport", Transport);
            json.WriteNumber("threads", Threads);
            json.WriteNumber("clients", Clients);
            json.WriteNumber("clients_registered", ClientsRegistered);
            json.WriteNumber("warmup_s", Round(WarmupSeconds, 3));
            json.WriteNumber("duration_s", Round(DurationSeconds, 3));
            json.WriteNumber("operations", Operations);
            json.WriteNumber("ops_per_sec", Round(OpsPerSecond, 1));
            json.WriteNumber("requests", Requests);
            json.WriteNumber("requests_per_sec", Round(RequestsPerSecond, 1));
            json.WriteNumber("registrations", Registrations);
            json.WriteNumber("deregistrations", Deregistrations);
            json.WriteNumber("latency_samples", LatencySamples);
            Write(json, "latency_p50_ms", LatencyP50Ms, 3);
            Write(json, "latency_p90_ms", LatencyP90Ms, 3);
            Write(json, "latency_p99_ms", LatencyP99Ms, 3);
            Write(json, "latency_max_ms", LatencyMaxMs, 3);
            json.WriteNumber("retransmissions", Retransmissions);
            json.WriteNumber("timeouts", Timeouts);
            json.WriteNumber("errors", Errors);
            json.WriteStartObject("error_codes");
            foreach (var (code, count) in ErrorCodes)
            {
                json.WriteNumber(code, count);
            }

            json.WriteEndObject();
            json.WriteNumber("stray", Stray);
            json.WriteNumber("malformed", Malformed);
            json.WriteNumber("server_requests", ServerRequests);
            json.WriteNumber("send_errors", SendErrors);
            json.WriteNumber("in_flight_at_end", InFlightAtEnd);
            if (ServerPid is { } pid)
            {
                json.WriteNumber("server_pid", pid);
            }
            else
            {
                json.WriteNull("server_pid");
            }

            Write(json, "server_cpu_us_per_op", ServerCpuMicrosecondsPerOperation, 2);
            Write(json, "server_cpu_cores", ServerCpuCores, 3);
            Write(json, "server_rss_mib", ServerRssMebibytes, 1);
            Write(json, "harness_cpu_us_per_op", HarnessCpuMicrosecondsPerOperation, 2);
            Write(json, "harness_cpu_cores", HarnessCpuCores, 3);
            Write(json, "machine_cpu_cores", MachineCpuCores, 3);
            json.WriteNumber("machine_cores", Environment.ProcessorCount);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Write(Utf8JsonWriter json, string name, double? value, int digits)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Round(v, digits));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
