namespace FastLwm2m.Transport;

/// <summary>
/// A snapshot of transport counters, summed over loops. Each loop counts into its own
/// <see cref="LoopCounters"/> with plain increments on its thread (or Interlocked where another
/// thread may count), so counting costs no contention.
/// </summary>
public readonly record struct TransportCounters(
    long DatagramsReceived,
    long DatagramsSent,
    long BytesReceived,
    long BytesSent,
    long DatagramsDropped,
    long DatagramsMalformed,
    long SendErrors,
    long ReceiveErrors,
    long HandlerErrors);
