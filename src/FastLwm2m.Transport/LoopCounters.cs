namespace FastLwm2m.Transport;

/// <summary>Counters of one <see cref="UdpLoop"/>; upper layers count malformed and dropped datagrams here.</summary>
public sealed class LoopCounters
{
    internal long DatagramsReceived;
    internal long DatagramsSent;
    internal long BytesReceived;
    internal long BytesSent;
    internal long DatagramsDropped;
    internal long DatagramsMalformed;
    internal long SendErrors;
    internal long ReceiveErrors;
    internal long HandlerErrors;

    /// <summary>Counts a datagram an upper layer could not parse.</summary>
    public void CountMalformed() => Interlocked.Increment(ref DatagramsMalformed);

    /// <summary>Counts a datagram an upper layer dropped (e.g. unknown peer, duplicate, overload).</summary>
    public void CountDropped() => Interlocked.Increment(ref DatagramsDropped);
}
