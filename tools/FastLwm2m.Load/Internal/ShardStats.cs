namespace FastLwm2m.Load.Internal;

/// <summary>
/// What one shard counted inside the measured window (warm-up excluded), plus the state of its
/// clients at the end. Written by the shard's thread only; read after the thread has ended.
/// </summary>
internal sealed class ShardStats
{
    /// <summary>Measured operations (registrations or updates) answered 2.xx.</summary>
    public long Operations;

    /// <summary>Requests of every kind answered (any code), including de-registrations.</summary>
    public long Requests;

    /// <summary>Successful registrations (in every scenario).</summary>
    public long Registrations;

    /// <summary>Successful de-registrations.</summary>
    public long Deregistrations;

    /// <summary>Requests answered with a code other than 2.xx, or reset.</summary>
    public long Errors;

    /// <summary>Requests answered with RST.</summary>
    public long Resets;

    /// <summary>Retransmissions sent (RFC 7252 §4.2).</summary>
    public long Retransmissions;

    /// <summary>Requests given up after MAX_RETRANSMIT retransmissions, or whose separate response never came.</summary>
    public long Timeouts;

    /// <summary>Datagrams that matched no request in flight (late duplicates, strangers).</summary>
    public long Stray;

    /// <summary>Datagrams that failed to parse as CoAP.</summary>
    public long Malformed;

    /// <summary>Requests the server sent to a client (answered 4.04).</summary>
    public long ServerRequests;

    /// <summary>Non-2.xx response codes by their raw byte, counted in <see cref="Errors"/>.</summary>
    public readonly long[] ErrorCodes = new long[256];

    /// <summary>Latency of the measured operations, from first transmission to response, whatever the code.</summary>
    public readonly LatencyHistogram Latency = new();

    /// <summary>Clients that registered successfully at least once (warm-up included).</summary>
    public int ClientsRegistered;

    /// <summary>Clients with a request in flight when the run ended.</summary>
    public int InFlightAtEnd;

    /// <summary>Sends the kernel refused.</summary>
    public long SendErrors;

    /// <summary>Adds <paramref name="other"/> into this.</summary>
    public void Add(ShardStats other)
    {
        Operations += other.Operations;
        Requests += other.Requests;
        Registrations += other.Registrations;
        Deregistrations += other.Deregistrations;
        Errors += other.Errors;
        Resets += other.Resets;
        Retransmissions += other.Retransmissions;
        Timeouts += other.Timeouts;
        Stray += other.Stray;
        Malformed += other.Malformed;
        ServerRequests += other.ServerRequests;
        for (int i = 0; i < ErrorCodes.Length; i++)
        {
            ErrorCodes[i] += other.ErrorCodes[i];
        }

        Latency.Add(other.Latency);
        ClientsRegistered += other.ClientsRegistered;
        InFlightAtEnd += other.InFlightAtEnd;
        SendErrors += other.SendErrors;
    }
}
