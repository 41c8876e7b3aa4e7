namespace FastLwm2m.Load.Internal;

/// <summary>
/// One simulated LwM2M client: like a real device it has at most one confirmable request in
/// flight (RFC 7252 §4.7, NSTART = 1). Its registration location lives in the shard's location
/// arena, its timer in the shard's <see cref="ClientTimers"/>.
/// </summary>
internal struct LoadClient
{
    /// <summary>The request in flight, or <see cref="RequestKind.None"/>.</summary>
    public RequestKind Pending;

    /// <summary>The request to send when the client's timer fires with nothing in flight.</summary>
    public RequestKind Next;

    /// <summary>Message ID of the request in flight (retransmissions reuse it, §4.4).</summary>
    public ushort MessageId;

    /// <summary>Token of the request in flight, sent as 4 big-endian bytes.</summary>
    public uint Token;

    /// <summary>Retransmissions of the request in flight so far (0 to MAX_RETRANSMIT).</summary>
    public byte Retransmits;

    /// <summary>An empty ACK came: retransmission stopped, a separate response is awaited (§5.2.2).</summary>
    public bool AwaitingSeparateResponse;

    /// <summary>Registered at least once during the run (warm-up included).</summary>
    public bool EverRegistered;

    /// <summary>Current retransmission timeout in milliseconds (doubles on each retransmission, §4.2).</summary>
    public int TimeoutMilliseconds;

    /// <summary>Stopwatch timestamp of the first transmission of the request in flight.</summary>
    public long FirstSentAt;
}
