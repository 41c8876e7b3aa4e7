namespace FastLwm2m.Transport;

/// <summary>
/// A snapshot of transport counters, summed over loops. Each loop counts into its own
/// <see cref="LoopCounters"/> with plain increments on its thread (or Interlocked where another
/// thread may count), so counting costs no contention.
/// </summary>
/// <param name="DatagramsReceived">Datagrams the sockets delivered, including the ones then dropped as too large.</param>
/// <param name="DatagramsSent">Datagrams the sockets accepted for sending.</param>
/// <param name="BytesReceived">Payload bytes received.</param>
/// <param name="BytesSent">Payload bytes sent.</param>
/// <param name="DatagramsDropped">Datagrams dropped: larger than the maximum, or by an upper layer.</param>
/// <param name="DatagramsMalformed">Datagrams an upper layer could not parse.</param>
/// <param name="SendErrors">Sends the socket refused.</param>
/// <param name="ReceiveErrors">Receive calls that failed (other than at stop).</param>
/// <param name="HandlerErrors">Exceptions thrown by datagram handlers and timer callbacks.</param>
public readonly record struct TransportCounters(
    long DatagramsReceived,
    long DatagramsSent,
    long BytesReceived,
    long BytesSent,
    long DatagramsDropped,
    long DatagramsMalformed,
    long SendErrors,
    long ReceiveErrors,
    long HandlerErrors)
{
    /// <summary>Adds two snapshots field by field.</summary>
    public static TransportCounters operator +(TransportCounters left, TransportCounters right) => new(
        left.DatagramsReceived + right.DatagramsReceived,
        left.DatagramsSent + right.DatagramsSent,
        left.BytesReceived + right.BytesReceived,
        left.BytesSent + right.BytesSent,
        left.DatagramsDropped + right.DatagramsDropped,
        left.DatagramsMalformed + right.DatagramsMalformed,
        left.SendErrors + right.SendErrors,
        left.ReceiveErrors + right.ReceiveErrors,
        left.HandlerErrors + right.HandlerErrors);
}
