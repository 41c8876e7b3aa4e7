using System.Net;
using System.Net.Sockets;
using FastLwm2m.Transport.Internal;

namespace FastLwm2m.Transport;

/// <summary>
/// One receive loop of a <see cref="UdpEndpoint"/>: a socket (bound with SO_REUSEPORT beside
/// its siblings), a dedicated receive thread, a receive buffer reused for every datagram, a
/// <see cref="TimingWheel"/> and a <see cref="Gate"/> that serializes the peers this loop owns.
/// The kernel hashes a remote address to the same socket every time, so a peer's datagrams
/// always arrive on the same loop.
/// </summary>
/// <remarks>
/// The handler runs on the loop's thread, one datagram at a time, without <see cref="Gate"/>
/// held. Timer callbacks run on the endpoint's tick thread with <see cref="Gate"/> held.
/// <see cref="Send"/> may be called from any thread.
/// </remarks>
public sealed class UdpLoop : IDatagramSink
{
    // After this many receive errors in a row the loop pauses a millisecond between attempts,
    // so a socket stuck in an error state cannot pin a core.
    private const int ErrorsBeforeBackoff = 16;

    private readonly Socket _socket;
    private readonly MillisecondClock _clock;
    private readonly int _maxDatagramBytes;
    private readonly Action<Exception> _onTimerError;
    private IDatagramHandler? _handler;
    private Thread? _thread;
    private volatile bool _stopping;

    internal UdpLoop(int index, Socket socket, MillisecondClock clock, UdpEndpointOptions options)
    {
        Index = index;
        _socket = socket;
        _clock = clock;
        _maxDatagramBytes = options.MaxDatagramBytes;
        Timers = new TimingWheel(options.TimerTickMilliseconds, options.TimerSlots, clock.NowMilliseconds);

        // Cached so advancing the wheel every tick allocates no delegate.
        _onTimerError = _ => Interlocked.Increment(ref Counters.HandlerErrors);
    }

    /// <summary>Index of this loop, 0-based.</summary>
    public int Index { get; }

    /// <summary>
    /// Serializes work on the peers this loop owns and on its <see cref="Timers"/>; never held
    /// across an await. Timer callbacks run with it held.
    /// </summary>
    public Lock Gate { get; } = new();

    /// <summary>This loop's timing wheel; use only with <see cref="Gate"/> held.</summary>
    public TimingWheel Timers { get; }

    /// <summary>Current time of the endpoint's clock, in milliseconds.</summary>
    public long NowMilliseconds => _clock.NowMilliseconds;

    /// <summary>This loop's counters.</summary>
    public LoopCounters Counters { get; } = new();

    /// <summary>The socket this loop receives from (shared with the other loops off Linux).</summary>
    internal Socket Socket => _socket;

    /// <summary>The receive thread, once started.</summary>
    internal Thread? Thread => _thread;

    /// <summary>
    /// Sends a datagram from this loop's socket (SendTo with a reused <see cref="SocketAddress"/>:
    /// no allocation). Thread-safe. Returns false and counts a send error on failure.
    /// </summary>
    /// <remarks>
    /// <paramref name="remote"/> must be of the socket's family: on the default dual-mode socket an
    /// IPv6 address, IPv4 peers being IPv4-mapped, as every received address already is.
    /// </remarks>
    public bool Send(ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        // Counted before the send, so whoever receives the datagram (or its answer) sees it
        // counted; a refused send takes the count back. A UDP send takes the whole datagram or fails.
        Interlocked.Increment(ref Counters.DatagramsSent);
        Interlocked.Add(ref Counters.BytesSent, datagram.Length);
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, remote);
            return true;
        }
        catch (SocketException)
        {
            return Refused(datagram.Length);
        }
        catch (ObjectDisposedException)
        {
            // The endpoint stopped: the datagram is lost like any other.
            return Refused(datagram.Length);
        }
    }

    private bool Refused(int length)
    {
        Interlocked.Decrement(ref Counters.DatagramsSent);
        Interlocked.Add(ref Counters.BytesSent, -length);
        Interlocked.Increment(ref Counters.SendErrors);
        return false;
    }

    internal void SetHandler(IDatagramHandler handler) => _handler = handler;

    /// <summary>Advances the wheel under the gate; a failing callback counts as a handler error.</summary>
    internal void AdvanceTimers(long nowMilliseconds)
    {
        lock (Gate)
        {
            try
            {
                Timers.Advance(nowMilliseconds, _onTimerError);
            }
            catch (Exception)
            {
                // Only the error sink or a misuse (re-entrant advance) gets here.
                Interlocked.Increment(ref Counters.HandlerErrors);
            }
        }
    }

    internal void StartReceiving()
    {
        _thread = new Thread(Run)
        {
            IsBackground = true,
            Name = $"fastlwm2m-udp-{Index}",
        };

        // No ExecutionContext to flow: the loop outlives whoever called Start.
        _thread.UnsafeStart();
    }

    /// <summary>
    /// Makes the loop exit at its next wake-up. The endpoint then disposes the socket, which
    /// aborts a blocked ReceiveFrom.
    /// </summary>
    internal void RequestStop() => _stopping = true;

    private void Run()
    {
        // One spare byte: Linux truncates an oversized datagram silently (MSG_TRUNC is not
        // reported by ReceiveFrom), so a datagram that fills the buffer is the one too large.
        byte[] buffer = GC.AllocateArray<byte>(_maxDatagramBytes + 1, pinned: true);
        AddressFamily family = _socket.AddressFamily;
        var remote = new SocketAddress(family, SocketAddress.GetMaximumAddressSize(family));
        IDatagramHandler handler = _handler!;
        LoopCounters counters = Counters;
        int errorsInARow = 0;

        while (!_stopping)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, remote);
            }
            catch (SocketException exception)
            {
                if (_stopping)
                {
                    break;
                }

                // Windows reports a datagram larger than the buffer this way; counted as Linux's
                // silently truncated one is below: received, then dropped.
                if (exception.SocketErrorCode == SocketError.MessageSize)
                {
                    counters.DatagramsReceived++;
                    Interlocked.Increment(ref counters.DatagramsDropped);
                    continue;
                }

                // ConnectionReset (an ICMP error for an earlier send) and the like concern one
                // peer, not the socket: count and keep receiving.
                counters.ReceiveErrors++;
                if (++errorsInARow > ErrorsBeforeBackoff)
                {
                    Thread.Sleep(1);
                }

                continue;
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            // A shutdown wakes a blocked receive with 0 bytes, indistinguishable from an empty datagram.
            if (_stopping)
            {
                break;
            }

            errorsInARow = 0;

            // Written only by this thread; GetCounters reads them with Volatile.Read.
            counters.DatagramsReceived++;
            counters.BytesReceived += received;
            if (received > _maxDatagramBytes)
            {
                Interlocked.Increment(ref counters.DatagramsDropped);
                continue;
            }

            try
            {
                handler.OnDatagram(this, buffer.AsSpan(0, received), remote);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref counters.HandlerErrors);
            }
        }
    }
}
