namespace FastLwm2m.Load.Internal;

/// <summary>
/// The datagram path of one <see cref="ClientShard"/>: receives the server's datagrams in
/// batches, each attributed to the simulated client it was addressed to, and sends on behalf of
/// a client from that client's own source address and port. Used by one thread only.
/// </summary>
internal abstract class ClientTransport : IDisposable
{
    /// <summary>How long <see cref="Receive"/> blocks when nothing arrives, so timers keep running.</summary>
    public const int PollMilliseconds = 2;

    /// <summary>Largest request the shard writes (a Register with its link-format payload fits with room).</summary>
    public const int MaxRequestBytes = 512;

    /// <summary>Largest datagram received; longer ones are truncated and fail to parse.</summary>
    public const int MaxResponseBytes = 2048;

    /// <summary>Sends the kernel refused (the retransmission timer recovers the request).</summary>
    public long SendErrors { get; protected set; }

    /// <summary>Short name for the JSON line.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Waits up to <see cref="PollMilliseconds"/> for datagrams and returns how many arrived;
    /// read them with <see cref="ClientOf"/> and <see cref="Datagram"/> before the next call.
    /// </summary>
    public abstract int Receive();

    /// <summary>The shard-local client the i-th received datagram is for, or -1 if it is not from the server or not for a client of ours.</summary>
    public abstract int ClientOf(int i);

    /// <summary>The i-th received datagram.</summary>
    public abstract ReadOnlySpan<byte> Datagram(int i);

    /// <summary>A buffer of <see cref="MaxRequestBytes"/> for the next datagram of <paramref name="client"/>; call <see cref="CommitSend"/> next.</summary>
    public abstract Span<byte> BeginSend(int client);

    /// <summary>Queues (or sends) the datagram written into the last <see cref="BeginSend"/> buffer.</summary>
    public abstract void CommitSend(int length);

    /// <summary>Sends whatever is queued.</summary>
    public abstract void Flush();

    /// <inheritdoc />
    public abstract void Dispose();
}
