using System.Net;

namespace FastLwm2m.Transport;

/// <summary>
/// One receive loop of a <see cref="UdpEndpoint"/>: a socket (bound with SO_REUSEPORT beside
/// its siblings), a dedicated receive thread, a receive buffer reused for every datagram, a
/// <see cref="TimingWheel"/> and a <see cref="Gate"/> that serializes the peers this loop owns.
/// The kernel hashes a remote address to the same socket every time, so a peer's datagrams
/// always arrive on the same loop.
/// </summary>
public sealed class UdpLoop : IDatagramSink
{
    // TODO(transport): implement. Keep the public members.
    internal UdpLoop() => throw new NotImplementedException();

    /// <summary>Index of this loop, 0-based.</summary>
    public int Index => throw new NotImplementedException();

    /// <summary>
    /// Serializes work on the peers this loop owns and on its <see cref="Timers"/>; never held
    /// across an await. Timer callbacks run with it held.
    /// </summary>
    public Lock Gate => throw new NotImplementedException();

    /// <summary>This loop's timing wheel; use only with <see cref="Gate"/> held.</summary>
    public TimingWheel Timers => throw new NotImplementedException();

    /// <summary>Current time of the endpoint's clock, in milliseconds.</summary>
    public long NowMilliseconds => throw new NotImplementedException();

    /// <summary>This loop's counters.</summary>
    public LoopCounters Counters => throw new NotImplementedException();

    /// <summary>
    /// Sends a datagram from this loop's socket (SendTo with a reused <see cref="SocketAddress"/>:
    /// no allocation). Thread-safe. Returns false and counts a send error on failure.
    /// </summary>
    public bool Send(ReadOnlySpan<byte> datagram, SocketAddress remote) => throw new NotImplementedException();
}
