using System.Diagnostics;
using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Load.Internal;

namespace FastLwm2m.Load;

/// <summary>
/// Runs a load scenario: starts the target if asked (baseline responder or server command),
/// waits until it answers a CoAP ping, drives the simulated clients on
/// <see cref="LoadOptions.Threads"/> shard threads for warm-up plus duration, samples the target's
/// and its own CPU time at the edges of the measured window, and merges the shards' counts.
/// </summary>
/// <remarks>
/// Design: on loopback every client has its own source address 127.x.y.z behind one socket per
/// shard (<see cref="LoadTransport.Addresses"/>), so 100,000 clients take one process, one or
/// two threads and a handful of descriptors, and datagrams move 256 to a system call with
/// recvmmsg/sendmmsg: on a two-core machine the harness must leave the cores to the server.
/// </remarks>
public static class LoadRunner
{
    /// <summary>Runs <paramref name="options"/> and returns its figures. Progress goes to <paramref name="log"/>.</summary>
    public static LoadResult Run(LoadOptions options, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        log ??= TextWriter.Null;
        IPAddress serverAddress = options.Validate();
        LoadTransport transport = options.ResolveTransport(serverAddress);

        ChildProcess? child = null;
        try
        {
            int port = options.Port;
            string target = "external";
            int? serverPid = options.ServerPid;
            if (options.Baseline)
            {
                // Bound like the server by default: dual-mode "::".
                child = ChildProcess.StartResponder(IPAddress.IPv6Any.ToString(), options.Port, options.EffectiveResponderThreads);
                (port, target, serverPid) = (child.Port, "baseline", child.Id);
                log.WriteLine($"baseline responder pid {child.Id} on {serverAddress}:{port}, {options.EffectiveResponderThreads} thread(s)");
            }
            else if (options.ServerCommand is { } command)
            {
                child = ChildProcess.StartCommand(command, options.ServerLog, options.Port);
                (target, serverPid) = ("server-cmd", child.Id);
                log.WriteLine($"server pid {child.Id}: {command}");
            }
            else if (serverPid is not null)
            {
                target = "server-pid";
                if (!ProcessSample.TryRead(serverPid.Value, out _))
                {
                    throw new ArgumentException($"--server-pid: no readable process {serverPid}.");
                }
            }

            var server = new IPEndPoint(serverAddress, port);
            if (options.WaitReady > TimeSpan.Zero && !ReadinessProbe.WaitUntilAnswering(server, options.WaitReady, cancellationToken))
            {
                throw new InvalidOperationException($"{server} did not answer a CoAP ping within {options.WaitReady.TotalSeconds} s.");
            }

            return Measure(options, server, transport, target, serverPid, log, cancellationToken);
        }
        finally
        {
            child?.Dispose();
        }
    }

    private static LoadResult Measure(
        LoadOptions options, IPEndPoint server, LoadTransport transport, string target, int? serverPid, TextWriter log, CancellationToken cancellationToken)
    {
        var plan = new ShardPlan(options);
        uint serverAddress = ToHostOrder(server.Address);
        uint sourceBase = ToHostOrder(options.SourceBase);
        uint localAddress = IPAddress.IsLoopback(server.Address) ? ToHostOrder(IPAddress.Loopback) : 0;

        // The window is fixed once the sockets exist and before the shards do, so every shard
        // shares it; the slack covers allocating the shards and starting their threads.
        var shards = new ClientShard[options.Threads];
        long setupSlack = Stopwatch.Frequency / 10;
        long start = 0, measureStart = 0, end = 0;
        try
        {
            var transports = new ClientTransport[options.Threads];
            for (int s = 0; s < options.Threads; s++)
            {
                var (first, count) = Slice(options.Clients, options.Threads, s);
                transports[s] = transport == LoadTransport.Addresses
                    ? new MultiAddressTransport(serverAddress, server.Port, sourceBase + (uint)first, count)
                    : new SocketPerClientTransport(serverAddress, server.Port, localAddress, count);
            }

            start = Stopwatch.GetTimestamp() + setupSlack;
            measureStart = start + Ticks(options.Warmup);
            end = measureStart + Ticks(options.Duration);
            for (int s = 0; s < options.Threads; s++)
            {
                var (first, count) = Slice(options.Clients, options.Threads, s);
                shards[s] = new ClientShard(plan, transports[s], first, count, start, measureStart, end);
            }
        }
        catch
        {
            foreach (var shard in shards)
            {
                shard?.Dispose();
            }

            throw;
        }

        log.WriteLine($"{options.Scenario.ToString().ToLowerInvariant()}: {options.Clients} clients ({transport.ToString().ToLowerInvariant()}, {options.Threads} thread(s)) against {server}, warm-up {options.Warmup.TotalSeconds} s, measuring {options.Duration.TotalSeconds} s");
        var threads = new Thread[shards.Length];
        for (int s = 0; s < shards.Length; s++)
        {
            var shard = shards[s];
            threads[s] = new Thread(() => shard.Run(cancellationToken)) { IsBackground = true, Name = $"load-shard-{s}" };
            threads[s].Start();
        }

        WaitUntil(measureStart, cancellationToken);
        var serverBefore = Sample(serverPid);
        var selfBefore = Sample(Environment.ProcessId);
        var machineBefore = MachineSample.TryRead();
        long windowStart = Stopwatch.GetTimestamp();

        WaitUntil(end, cancellationToken);
        var serverAfter = Sample(serverPid);
        var selfAfter = Sample(Environment.ProcessId);
        var machineAfter = MachineSample.TryRead();
        long windowEnd = Math.Min(Stopwatch.GetTimestamp(), end);

        foreach (var thread in threads)
        {
            thread.Join();
        }

        var total = new ShardStats();
        foreach (var shard in shards)
        {
            if (shard.Failure is { } failure)
            {
                throw new InvalidOperationException($"A client shard failed: {failure.Message}", failure);
            }

            total.Add(shard.Stats);
        }

        double seconds = Math.Max(0, (double)(windowEnd - Math.Max(windowStart, measureStart)) / Stopwatch.Frequency);
        return ToResult(options, server, transport, target, serverPid, total, seconds, serverBefore, serverAfter, selfBefore, selfAfter)
            with { MachineCpuCores = MachineSample.BusyCores(machineBefore, machineAfter) };
    }

    private static LoadResult ToResult(
        LoadOptions options, IPEndPoint server, LoadTransport transport, string target, int? serverPid, ShardStats total, double seconds,
        ProcessSample? serverBefore, ProcessSample? serverAfter, ProcessSample? selfBefore, ProcessSample? selfAfter)
    {
        var codes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int code = 0; code < total.ErrorCodes.Length; code++)
        {
            if (total.ErrorCodes[code] > 0)
            {
                codes[code == 0 ? "RST" : new CoapCode((byte)code).ToString()] = total.ErrorCodes[code];
            }
        }

        var latency = total.Latency;
        bool hasLatency = latency.Count > 0;
        double? Milliseconds(long microseconds) => hasLatency ? microseconds / 1000.0 : null;
        double? PerOperation(ProcessSample? before, ProcessSample? after) =>
            before is { } b && after is { } a && total.Operations > 0 ? (a.CpuSeconds - b.CpuSeconds) * 1e6 / total.Operations : null;
        double? Cores(ProcessSample? before, ProcessSample? after) =>
            before is { } b && after is { } a && seconds > 0 ? (a.CpuSeconds - b.CpuSeconds) / seconds : null;

        return new LoadResult
        {
            Scenario = options.Scenario.ToString().ToLowerInvariant(),
            Target = target,
            Host = server.Address.ToString(),
            Port = server.Port,
            Transport = transport.ToString().ToLowerInvariant(),
            Threads = options.Threads,
            Clients = options.Clients,
            ClientsRegistered = total.ClientsRegistered,
            WarmupSeconds = options.Warmup.TotalSeconds,
            DurationSeconds = seconds,
            Operations = total.Operations,
            OpsPerSecond = seconds > 0 ? total.Operations / seconds : 0,
            Requests = total.Requests,
            RequestsPerSecond = seconds > 0 ? total.Requests / seconds : 0,
            Registrations = total.Registrations,
            Deregistrations = total.Deregistrations,
            LatencySamples = latency.Count,
            LatencyP50Ms = Milliseconds(latency.ValueAtPercentile(50)),
            LatencyP90Ms = Milliseconds(latency.ValueAtPercentile(90)),
            LatencyP99Ms = Milliseconds(latency.ValueAtPercentile(99)),
            LatencyMaxMs = Milliseconds(latency.Max),
            Retransmissions = total.Retransmissions,
            Timeouts = total.Timeouts,
            Errors = total.Errors,
            ErrorCodes = codes,
            Stray = total.Stray,
            Malformed = total.Malformed,
            ServerRequests = total.ServerRequests,
            SendErrors = total.SendErrors,
            InFlightAtEnd = total.InFlightAtEnd,
            ServerPid = serverPid,
            ServerCpuMicrosecondsPerOperation = PerOperation(serverBefore, serverAfter),
            ServerCpuCores = Cores(serverBefore, serverAfter),
            ServerRssMebibytes = serverAfter is { } s ? s.RssBytes / (1024.0 * 1024.0) : null,
            HarnessCpuMicrosecondsPerOperation = PerOperation(selfBefore, selfAfter),
            HarnessCpuCores = Cores(selfBefore, selfAfter),
        };
    }

    /// <summary>Clients of shard <paramref name="shard"/>: contiguous, sizes differing by at most one.</summary>
    internal static (int First, int Count) Slice(int clients, int shards, int shard)
    {
        int first = (int)((long)clients * shard / shards);
        int next = (int)((long)clients * (shard + 1) / shards);
        return (first, next - first);
    }

    private static ProcessSample? Sample(int? pid) =>
        pid is { } p && ProcessSample.TryRead(p, out var sample) ? sample : null;

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static void WaitUntil(long timestamp, CancellationToken cancellationToken)
    {
        while (true)
        {
            long remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0 || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency));
        }
    }

    private static uint ToHostOrder(IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }
}
