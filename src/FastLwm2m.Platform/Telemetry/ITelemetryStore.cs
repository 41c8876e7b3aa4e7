namespace FastLwm2m.Platform.Telemetry;

/// <summary>
/// Time series and latest values per device and key. Indexes: (device, key, time) for history,
/// (device, key) for the latest value. <see cref="AppendAsync"/> is one transaction: when it
/// returns, every point of the batch is durable (the pipeline acknowledges devices after it);
/// when it throws, none is. Thread-safe; the pipeline calls it from one writer at a time.
/// </summary>
public interface ITelemetryStore
{
    /// <summary>Appends a batch to the history and updates the latest values (a newer time wins).</summary>
    Task AppendAsync(IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken = default);

    /// <summary>The latest value of each key of a device.</summary>
    Task<IReadOnlyList<TelemetryPoint>> GetLatestAsync(string device, CancellationToken cancellationToken = default);

    /// <summary>The history of one key of a device in [from, to), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TelemetryPoint>> GetHistoryAsync(string device, string key, long fromMilliseconds, long toMilliseconds, int limit = 10_000, CancellationToken cancellationToken = default);
}
