using FastLwm2m.Transport;

namespace FastLwm2m.Coap;

/// <summary>
/// Transmission parameters (RFC 7252 §4.8) and engine limits of a <see cref="CoapEndpoint"/>.
/// Defaults are the RFC's.
/// </summary>
public sealed class CoapEndpointOptions
{
    /// <summary>The UDP endpoint (address, port, loops, buffers, clock).</summary>
    public UdpEndpointOptions Udp { get; set; } = new();

    /// <summary>ACK_TIMEOUT. Default 2 s.</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>ACK_RANDOM_FACTOR. Default 1.5.</summary>
    public double AckRandomFactor { get; set; } = 1.5;

    /// <summary>MAX_RETRANSMIT. Default 4.</summary>
    public int MaxRetransmit { get; set; } = 4;

    /// <summary>NSTART: outstanding confirmable interactions per peer. Default 1.</summary>
    public int NStart { get; set; } = 1;

    /// <summary>Largest number of requests queued per peer behind NSTART; more are refused. Default 256.</summary>
    public int MaxQueuedRequestsPerPeer { get; set; } = 256;

    /// <summary>
    /// How long a received message ID is remembered for deduplication. Default EXCHANGE_LIFETIME
    /// (247 s with the default parameters, §4.8.2).
    /// </summary>
    public TimeSpan DeduplicationLifetime { get; set; } = TimeSpan.FromSeconds(247);

    /// <summary>
    /// Message IDs remembered per peer (a ring that grows up to this size). A client with NSTART 1
    /// only ever retransmits its latest CON, so a duplicate of a message older than the last few is
    /// a network reordering of over a minute; beyond this the oldest is forgotten early (and
    /// counted in DeduplicationEvictions). A per-peer cap keeps an Update storm from 100,000
    /// devices at under 0.5 KiB of deduplication state each. Default 8.
    /// </summary>
    public int DeduplicationCapacityPerPeer { get; set; } = 8;

    /// <summary>
    /// How long a request waits for a separate response after its empty ACK (and a NON request for
    /// any response). Default 247 s (EXCHANGE_LIFETIME).
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(247);

    /// <summary>Preferred block size for Block1/Block2 (16-1024, power of two). Default 1024.</summary>
    public int PreferredBlockSize { get; set; } = 1024;

    /// <summary>Largest body reassembled from blocks (4.13 beyond it). Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Block1 reassemblies in progress per peer; more are answered 5.03. Default 4.</summary>
    public int MaxBlockTransfersPerPeer { get; set; } = 4;

    /// <summary>
    /// Maximum time between two confirmable notifications to one observer (RFC 7641 §4.5).
    /// Default 24 h.
    /// </summary>
    public TimeSpan NotificationConfirmableInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A peer with no state left is forgotten after this idle time. Default 247 s.</summary>
    public TimeSpan PeerIdleTimeout { get; set; } = TimeSpan.FromSeconds(247);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentException($"CoAP option '{name}' {rule}, got {value}.", name);
            }
        }

        ArgumentNullException.ThrowIfNull(Udp, nameof(Udp));
        Udp.Validate();
        Check(AckTimeout > TimeSpan.Zero && AckTimeout <= TimeSpan.FromMinutes(5), nameof(AckTimeout), AckTimeout, "must be between 0 and 5 minutes");
        Check(AckRandomFactor >= 1.0 && AckRandomFactor <= 4.0, nameof(AckRandomFactor), AckRandomFactor, "must be between 1.0 and 4.0");
        Check(MaxRetransmit is >= 0 and <= 20, nameof(MaxRetransmit), MaxRetransmit, "must be between 0 and 20");
        Check(NStart is >= 1 and <= 64, nameof(NStart), NStart, "must be between 1 and 64");
        Check(MaxQueuedRequestsPerPeer >= 0, nameof(MaxQueuedRequestsPerPeer), MaxQueuedRequestsPerPeer, "must not be negative");
        Check(DeduplicationLifetime > TimeSpan.Zero, nameof(DeduplicationLifetime), DeduplicationLifetime, "must be positive");
        Check(DeduplicationCapacityPerPeer is >= 1 and <= 65536, nameof(DeduplicationCapacityPerPeer), DeduplicationCapacityPerPeer, "must be between 1 and 65536");
        Check(ResponseTimeout > TimeSpan.Zero, nameof(ResponseTimeout), ResponseTimeout, "must be positive");
        Check(PreferredBlockSize is >= 16 and <= 1024 && (PreferredBlockSize & (PreferredBlockSize - 1)) == 0, nameof(PreferredBlockSize), PreferredBlockSize, "must be a power of two from 16 to 1024");
        Check(MaxBodyBytes >= PreferredBlockSize, nameof(MaxBodyBytes), MaxBodyBytes, "must be at least PreferredBlockSize");
        Check(MaxBlockTransfersPerPeer >= 1, nameof(MaxBlockTransfersPerPeer), MaxBlockTransfersPerPeer, "must be at least 1");
        Check(NotificationConfirmableInterval > TimeSpan.Zero, nameof(NotificationConfirmableInterval), NotificationConfirmableInterval, "must be positive");
        Check(PeerIdleTimeout > TimeSpan.Zero, nameof(PeerIdleTimeout), PeerIdleTimeout, "must be positive");
    }
}
