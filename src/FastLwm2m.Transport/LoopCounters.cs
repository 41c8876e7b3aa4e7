namespace FastLwm2m.Transport;

/// <summary>Counters of one <see cref="UdpLoop"/>; upper layers count malformed and dropped datagrams here.</summary>
/// <remarks>
/// The receive counters are written only by the loop's thread, with plain increments; the
/// others may be written from any thread (sends, upper layers, the tick thread) and use
/// <see cref="Interlocked"/>. Readers use <see cref="Volatile.Read(ref readonly long)"/>.
/// </remarks>
public sealed class LoopCounters
{
    // Loop thread only.
    internal long DatagramsReceived;
    internal long BytesReceived;
    internal long ReceiveErrors;

    // Any thread: Interlocked.
    internal long DatagramsSent;
    internal long BytesSent;
    internal long DatagramsDropped;
    internal long DatagramsMalformed;
    internal long SendErrors;
    internal long HandlerErrors;

    /// <summary>Counts a datagram an upper layer could not parse.</summary>
    public void CountMalformed() => Interlocked.Increment(ref DatagramsMalformed);

    /// <summary>Counts a datagram an upper layer dropped (e.g. unknown peer, duplicate, overload).</summary>
    public void CountDropped() => Interlocked.Increment(ref DatagramsDropped);

    /// <summary>A snapshot of these counters.</summary>
    internal TransportCounters Snapshot() => new(
        Volatile.Read(ref DatagramsReceived),
        Volatile.Read(ref DatagramsSent),
        Volatile.Read(ref BytesReceived),
        Volatile.Read(ref BytesSent),
        Volatile.Read(ref DatagramsDropped),
        Volatile.Read(ref DatagramsMalformed),
        Volatile.Read(ref SendErrors),
        Volatile.Read(ref ReceiveErrors),
        Volatile.Read(ref HandlerErrors));
}
