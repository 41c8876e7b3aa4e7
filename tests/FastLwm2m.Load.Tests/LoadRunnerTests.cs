using System.Net;
using System.Text.Json;
using FastLwm2m.Coap;
using FastLwm2m.Load.Internal;
using FastLwm2m.Load.Tests.TestSupport;

namespace FastLwm2m.Load.Tests;

/// <summary>
/// The harness end to end, in process, against a responder on 127.0.0.1 port 0: a few hundred
/// clients for under two seconds a run. Counts are asserted, never rates or times.
/// </summary>
public sealed class LoadRunnerTests
{
    private static readonly string[] JsonFields =
    [
        "scenario", "target", "clients", "clients_registered", "duration_s", "operations", "ops_per_sec",
        "latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "latency_max_ms",
        "retransmissions", "timeouts", "errors", "error_codes", "server_pid", "server_cpu_us_per_op", "server_rss_mib",
    ];

    private static LoadOptions Options(LoadScenario scenario, int port, int clients = 300) => new()
    {
        Scenario = scenario,
        Clients = clients,
        Port = port,
        Warmup = TimeSpan.FromSeconds(0.4),
        Ramp = TimeSpan.FromSeconds(0.2),
        Duration = TimeSpan.FromSeconds(1.2),
        WaitReady = TimeSpan.FromSeconds(5),
    };

    private static BaselineResponder StartResponder() => new(new IPEndPoint(IPAddress.Loopback, 0), threads: 1);

    [Fact]
    public void RegisterScenario_AgainstBaselineResponder_RegistersEveryClientWithoutTimeouts()
    {
        using var responder = StartResponder();

        var result = LoadRunner.Run(Options(LoadScenario.Register, responder.LocalEndPoint.Port));

        Assert.Equal("register", result.Scenario);
        Assert.Equal("addresses", result.Transport);
        Assert.Equal(300, result.ClientsRegistered);
        Assert.Equal(0, result.Timeouts);
        Assert.Equal(0, result.Errors);
        Assert.True(result.Operations > 0);
        Assert.Equal(result.Operations, result.Registrations);
        Assert.True(result.Deregistrations > 0);
        Assert.Equal(result.Operations, result.LatencySamples);
        Assert.NotNull(result.LatencyP50Ms);
        Assert.True(result.LatencyP50Ms <= result.LatencyP99Ms && result.LatencyP99Ms <= result.LatencyMaxMs);
    }

    [Fact]
    public void RegisterScenario_JsonLine_ParsesAndHasEveryField()
    {
        using var responder = StartResponder();

        string json = LoadRunner.Run(Options(LoadScenario.Register, responder.LocalEndPoint.Port)).ToJson();

        Assert.DoesNotContain('\n', json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        foreach (string field in JsonFields)
        {
            Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal("register", root.GetProperty("scenario").GetString());
        Assert.Equal(300, root.GetProperty("clients").GetInt32());
        Assert.Equal(300, root.GetProperty("clients_registered").GetInt32());
        Assert.True(root.GetProperty("operations").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("latency_p99_ms").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("server_pid").ValueKind);
    }

    [Fact]
    public void UpdateScenario_AgainstBaselineResponder_RegistersOnceThenUpdates()
    {
        using var responder = StartResponder();

        var result = LoadRunner.Run(Options(LoadScenario.Update, responder.LocalEndPoint.Port));

        Assert.Equal("update", result.Scenario);
        Assert.Equal(300, result.ClientsRegistered);
        Assert.Equal(0, result.Timeouts);
        Assert.Equal(0, result.Errors);
        Assert.True(result.Operations > 0);
        Assert.Equal(0, result.Registrations);
        Assert.Equal(result.Operations, result.Requests);
    }

    [Fact]
    public void RegisterScenario_OverOneSocketPerClient_RegistersEveryClient()
    {
        using var responder = StartResponder();

        var result = LoadRunner.Run(Options(LoadScenario.Register, responder.LocalEndPoint.Port, clients: 200) with
        {
            Transport = LoadTransport.Sockets,
            Threads = 2,
        });

        Assert.Equal("sockets", result.Transport);
        Assert.Equal(200, result.ClientsRegistered);
        Assert.Equal(0, result.Timeouts);
        Assert.True(result.Operations > 0);
    }

    [Fact]
    public void Baseline_StartedAsChildProcess_ReportsItsCpuAndMemory()
    {
        var result = LoadRunner.Run(Options(LoadScenario.Update, 0, clients: 100) with { Baseline = true, ResponderThreads = 1 });

        Assert.Equal("baseline", result.Target);
        Assert.Equal(100, result.ClientsRegistered);
        Assert.NotNull(result.ServerPid);
        Assert.NotNull(result.ServerCpuMicrosecondsPerOperation);
        Assert.True(result.ServerRssMebibytes > 0);
    }

    [Fact]
    public void RegisterScenario_ServerAnsweringNotFound_CountsEveryAnswerAsAnError()
    {
        using var server = new ScriptedServer(request => CoapMessages.PiggybackedAnswer(request, CoapCode.NotFound));

        var result = LoadRunner.Run(Options(LoadScenario.Register, server.Port, clients: 50) with { WaitReady = TimeSpan.Zero });

        Assert.Equal(0, result.ClientsRegistered);
        Assert.Equal(0, result.Operations);
        Assert.True(result.Errors > 0);
        Assert.Equal(result.Errors, result.Requests);
        Assert.Equal(result.Errors, result.ErrorCodes["4.04"]);
        Assert.Equal(result.Errors, result.LatencySamples);
        Assert.Equal(0, result.Timeouts);
    }

    [Fact]
    public void UpdateScenario_ServerIgnoringFirstCopies_IsAnsweredAfterRetransmission()
    {
        // Answers a request only when its message ID comes a second time (§4.2 retransmission).
        var seen = new HashSet<(ushort, uint)>();
        using var server = new ScriptedServer(request =>
        {
            if (CoapMessageReader.TryParse(request, out var message) != CoapParseStatus.Ok)
            {
                return null;
            }

            var key = (message.MessageId, BitConverter.ToUInt32(message.Token));
            if (seen.Add(key))
            {
                return null;
            }

            var answer = new byte[BaselineResponse.MaxResponseBytes];
            int n = BaselineResponse.Write(request, answer, locationSeed: 42);
            return answer[..n];
        });

        var result = LoadRunner.Run(Options(LoadScenario.Update, server.Port, clients: 20) with
        {
            WaitReady = TimeSpan.Zero,
            AckTimeout = TimeSpan.FromMilliseconds(50),
        });

        Assert.Equal(20, result.ClientsRegistered);
        Assert.True(result.Operations > 0);
        Assert.True(result.Retransmissions > 0);
        Assert.Equal(0, result.Errors);
        Assert.Equal(0, result.Timeouts);
    }

    [Fact]
    public void RegisterScenario_SilentServer_TimesOutAfterMaxRetransmit()
    {
        int datagrams = 0;
        using var server = new ScriptedServer(_ =>
        {
            Interlocked.Increment(ref datagrams);
            return null;
        });

        var result = LoadRunner.Run(Options(LoadScenario.Register, server.Port, clients: 10) with
        {
            WaitReady = TimeSpan.Zero,
            AckTimeout = TimeSpan.FromMilliseconds(20),
            MaxRetransmit = 2,
        });

        Assert.Equal(0, result.ClientsRegistered);
        Assert.Equal(0, result.Requests);
        Assert.True(result.Timeouts > 0);
        Assert.True(result.Retransmissions >= result.Timeouts);
        Assert.True(Volatile.Read(ref datagrams) > 10);
    }
}
