namespace FastLwm2m.Platform.TransportLog;

/// <summary>
/// The per-device transport log (the guide's "LwM2M transport log"): registration lines,
/// initialization results, RPC requests and results, errors. Index: device (endpoint name), then
/// time. <see cref="Append"/> never blocks (called from sessions and RPC paths); implementations
/// bound what they keep per device. Thread-safe.
/// </summary>
public interface ITransportLog
{
    /// <summary>A line was appended (raised on the appending thread).</summary>
    event Action<string, TransportLogEntry>? Appended;

    /// <summary>Appends a line to a device's log, stamped with the current time.</summary>
    void Append(string device, string line);

    /// <summary>The last <paramref name="limit"/> lines of a device, oldest first.</summary>
    Task<IReadOnlyList<TransportLogEntry>> GetAsync(string device, int limit = 100, CancellationToken cancellationToken = default);
}
