using System.Diagnostics;
using FastLwm2m.Coap;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// A slice of the simulated clients driven by one thread over one <see cref="ClientTransport"/>:
/// the thread receives a batch of datagrams, advances each addressed client's state machine
/// (which writes that client's next request into the transport's send batch), fires due
/// timers (retransmissions, think-time wake-ups), and flushes the batch. Nothing is shared with
/// other shards, so the hot path takes no lock and allocates nothing; the counters are merged
/// once the thread has ended.
/// </summary>
internal sealed partial class ClientShard : IDisposable
{
    private const int TimerSlots = 4096;
    private static readonly long TicksPerMillisecond = Stopwatch.Frequency / 1000;

    private readonly ShardPlan _plan;
    private readonly ClientTransport _transport;
    private readonly int _firstClient;
    private readonly LoadClient[] _clients;
    private readonly ClientTimers _timers;
    private readonly Random _random;
    private readonly long _origin;
    private readonly long _measureStart;
    private readonly long _end;

    /// <param name="plan">Settings shared by all shards.</param>
    /// <param name="transport">This shard's datagram path; the shard disposes it.</param>
    /// <param name="firstClient">Global index of this shard's client 0 (names the endpoint).</param>
    /// <param name="clientCount">Number of clients in this shard.</param>
    /// <param name="start">Stopwatch timestamp at which clients begin (the ramp starts).</param>
    /// <param name="measureStart">Stopwatch timestamp at which counting begins (end of warm-up).</param>
    /// <param name="end">Stopwatch timestamp at which the shard stops.</param>
    public ClientShard(ShardPlan plan, ClientTransport transport, int firstClient, int clientCount, long start, long measureStart, long end)
    {
        _plan = plan;
        _transport = transport;
        _firstClient = firstClient;
        _clients = new LoadClient[clientCount];
        _locations = new byte[clientCount * LocationSlotBytes];
        _origin = start;
        _measureStart = measureStart;
        _end = end;
        _timers = new ClientTimers(clientCount, TimerSlots, startTick: 0);
        _random = new Random(firstClient);
        for (int i = 0; i < clientCount; i++)
        {
            _clients[i].MessageId = (ushort)_random.Next();
            _clients[i].Token = (uint)_random.Next();
            _clients[i].Next = RequestKind.Register;
        }
    }

    /// <summary>What this shard counted; complete once <see cref="Run"/> has returned.</summary>
    public ShardStats Stats { get; } = new();

    /// <summary>The exception that ended <see cref="Run"/> early (a bug), if any.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>
    /// Drives the clients until the end time or cancellation, then disposes the transport. Runs
    /// on its own thread, so an exception is kept in <see cref="Failure"/> rather than thrown.
    /// </summary>
    public void Run(CancellationToken cancellationToken)
    {
        try
        {
            // The ramp: client i starts at i/n of it, so the first requests do not arrive as one burst.
            int count = _clients.Length;
            for (int i = 0; i < count; i++)
            {
                _timers.Schedule(i, (long)_plan.RampMilliseconds * i / count);
            }

            SleepUntil(_origin);
            while (!cancellationToken.IsCancellationRequested)
            {
                int received = _transport.Receive();
                long now = Stopwatch.GetTimestamp();
                if (now >= _end)
                {
                    break;
                }

                for (int i = 0; i < received; i++)
                {
                    OnDatagram(_transport.ClientOf(i), _transport.Datagram(i), now);
                }

                foreach (int client in _timers.Advance(Tick(now)))
                {
                    OnTimer(client, now);
                }

                _transport.Flush();
            }

            Finish();
        }
        catch (Exception e)
        {
            Failure = e;
        }
        finally
        {
            _transport.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _transport.Dispose();

    private static void SleepUntil(long timestamp)
    {
        while (Stopwatch.GetTimestamp() < timestamp)
        {
            Thread.Sleep(1);
        }
    }

    private long Tick(long timestamp) => (timestamp - _origin) / TicksPerMillisecond;

    private bool InWindow(long now) => now >= _measureStart;

    private void Finish()
    {
        Stats.SendErrors = _transport.SendErrors;
        foreach (ref readonly LoadClient client in _clients.AsSpan())
        {
            if (client.EverRegistered)
            {
                Stats.ClientsRegistered++;
            }

            if (client.Pending != RequestKind.None)
            {
                Stats.InFlightAtEnd++;
            }
        }
    }

    private void OnDatagram(int client, ReadOnlySpan<byte> datagram, long now)
    {
        if (client < 0)
        {
            CountStray(now);
            return;
        }

        if (CoapMessageReader.TryParse(datagram, out var message) != CoapParseStatus.Ok)
        {
            if (InWindow(now))
            {
                Stats.Malformed++;
            }

            return;
        }

        ref LoadClient c = ref _clients[client];
        switch (message.Type)
        {
            case CoapMessageType.Acknowledgement:
                if (c.Pending == RequestKind.None || c.AwaitingSeparateResponse || message.MessageId != c.MessageId)
                {
                    CountStray(now);
                }
                else if (message.Code.IsEmpty)
                {
                    // §5.2.2: the server will answer separately; stop retransmitting and wait for it.
                    c.AwaitingSeparateResponse = true;
                    _timers.Schedule(client, Tick(now) + ShardPlan.SeparateResponseTimeoutMilliseconds);
                }
                else if (TokenMatches(message.Token, c.Token))
                {
                    Complete(client, ref c, message, now);
                }
                else
                {
                    CountStray(now);
                }

                break;

            case CoapMessageType.Reset:
                if (c.Pending != RequestKind.None && !c.AwaitingSeparateResponse && message.MessageId == c.MessageId)
                {
                    if (InWindow(now))
                    {
                        Stats.Resets++;
                    }

                    Complete(client, ref c, message, now);
                }
                else
                {
                    CountStray(now);
                }

                break;

            default:
                OnConfirmableOrNonConfirmable(client, ref c, message, now);
                break;
        }
    }

    private void OnConfirmableOrNonConfirmable(int client, ref LoadClient c, in CoapMessageReader message, long now)
    {
        bool confirmable = message.Type == CoapMessageType.Confirmable;
        if (message.Code.IsEmpty)
        {
            // §4.3: a CoAP ping is answered with RST.
            if (confirmable)
            {
                SendEmpty(client, CoapMessageType.Reset, message.MessageId);
            }

            return;
        }

        if (message.Code.IsRequest)
        {
            // The server asks the device something (Read, Observe…): the load clients have no objects.
            if (InWindow(now))
            {
                Stats.ServerRequests++;
            }

            if (confirmable)
            {
                SendNotFound(client, message);
            }

            return;
        }

        // A separate response (§5.2.2), or a NON one: acknowledge a CON even if it is a duplicate.
        if (confirmable)
        {
            SendEmpty(client, CoapMessageType.Acknowledgement, message.MessageId);
        }

        if (c.Pending != RequestKind.None && TokenMatches(message.Token, c.Token))
        {
            Complete(client, ref c, message, now);
        }
        else
        {
            CountStray(now);
        }
    }

    private void CountStray(long now)
    {
        if (InWindow(now))
        {
            Stats.Stray++;
        }
    }

    private void Complete(int client, ref LoadClient c, in CoapMessageReader response, long now)
    {
        _timers.Cancel(client);
        RequestKind kind = c.Pending;
        c.Pending = RequestKind.None;
        c.AwaitingSeparateResponse = false;

        bool reset = response.Type == CoapMessageType.Reset;
        bool success = !reset && response.Code.IsSuccess;
        if (success && kind == RequestKind.Register && !StoreLocation(client, response))
        {
            // 2.01 without a usable Location-Path: nothing to update or de-register.
            success = false;
        }

        bool inWindow = InWindow(now);
        if (inWindow)
        {
            Stats.Requests++;
            if (!success)
            {
                Stats.Errors++;
                Stats.ErrorCodes[response.Code.Value]++;
            }

            if (IsMeasured(kind))
            {
                Stats.Latency.Record((now - c.FirstSentAt) * 1_000_000 / Stopwatch.Frequency);
                if (success)
                {
                    Stats.Operations++;
                }
            }
        }

        RequestKind next;
        switch (kind)
        {
            case RequestKind.Register:
                if (success)
                {
                    c.EverRegistered = true;
                    if (inWindow)
                    {
                        Stats.Registrations++;
                    }

                    next = _plan.Scenario == LoadScenario.Update ? RequestKind.Update
                        : _plan.Deregister ? RequestKind.Deregister
                        : RequestKind.Register;
                }
                else
                {
                    next = RequestKind.Register;
                }

                break;

            case RequestKind.Update:
                // 4.04: the registration is gone (expired, server restarted): register again.
                next = !success && response.Code == CoapCode.NotFound ? RequestKind.Register : RequestKind.Update;
                break;

            default:
                if (success && inWindow)
                {
                    Stats.Deregistrations++;
                }

                next = RequestKind.Register;
                break;
        }

        StartNext(client, ref c, next, now);
    }

    private bool IsMeasured(RequestKind kind) =>
        kind == (_plan.Scenario == LoadScenario.Register ? RequestKind.Register : RequestKind.Update);

    private void StartNext(int client, ref LoadClient c, RequestKind next, long now)
    {
        c.Next = next;
        if (_plan.ThinkMilliseconds == 0)
        {
            Send(client, ref c, now);
            return;
        }

        // ±10 % so that clients which started together drift apart.
        int think = _plan.ThinkMilliseconds;
        int jitter = think / 10;
        _timers.Schedule(client, Tick(now) + think - jitter + _random.Next((2 * jitter) + 1));
    }

    private void OnTimer(int client, long now)
    {
        ref LoadClient c = ref _clients[client];
        if (c.Pending == RequestKind.None)
        {
            Send(client, ref c, now);
            return;
        }

        if (c.AwaitingSeparateResponse || c.Retransmits >= _plan.MaxRetransmit)
        {
            // §4.2: no ACK after MAX_RETRANSMIT retransmissions (or no separate response): give up.
            if (InWindow(now))
            {
                Stats.Timeouts++;
            }

            c.Pending = RequestKind.None;
            c.AwaitingSeparateResponse = false;
            StartNext(client, ref c, RequestKind.Register, now);
            return;
        }

        // §4.2: retransmit the same message, doubling the timeout.
        c.Retransmits++;
        c.TimeoutMilliseconds *= 2;
        WriteRequest(client, ref c);
        _timers.Schedule(client, Tick(now) + c.TimeoutMilliseconds);
        if (InWindow(now))
        {
            Stats.Retransmissions++;
        }
    }

    private void Send(int client, ref LoadClient c, long now)
    {
        c.Pending = c.Next;
        c.MessageId++;
        c.Token++;
        c.Retransmits = 0;
        c.AwaitingSeparateResponse = false;
        c.FirstSentAt = now;

        // §4.2: the initial timeout is random between ACK_TIMEOUT and ACK_TIMEOUT * ACK_RANDOM_FACTOR.
        c.TimeoutMilliseconds = (int)(_plan.AckTimeoutMilliseconds * (1 + (_random.NextDouble() * (_plan.AckRandomFactor - 1))));
        WriteRequest(client, ref c);
        _timers.Schedule(client, Tick(now) + c.TimeoutMilliseconds);
    }
}
