namespace FastLwm2m.Platform.Telemetry;

/// <summary>The telemetry store in memory (tests, embedders without persistence). One lock.</summary>
public sealed class InMemoryTelemetryStore : ITelemetryStore
{
    private readonly Lock _gate = new();
    private readonly List<TelemetryPoint> _history = new();
    private readonly Dictionary<(string, string), TelemetryPoint> _latest = new();

    /// <summary>Makes the next appends throw (to test failure handling).</summary>
    public bool Fail { get; set; }

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            throw new IOException("the telemetry store is failing (test)");
        }

        lock (_gate)
        {
            foreach (var p in points)
            {
                _history.Add(p);
                if (!_latest.TryGetValue((p.Device, p.Key), out var current) || current.TimestampMilliseconds <= p.TimestampMilliseconds)
                {
                    _latest[(p.Device, p.Key)] = p;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TelemetryPoint>> GetLatestAsync(string device, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TelemetryPoint>>(_latest.Values.Where(p => p.Device == device).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TelemetryPoint>> GetHistoryAsync(string device, string key, long fromMilliseconds, long toMilliseconds, int limit = 10_000, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TelemetryPoint>>(_history
                .Where(p => p.Device == device && p.Key == key && p.TimestampMilliseconds >= fromMilliseconds && p.TimestampMilliseconds < toMilliseconds)
                .OrderBy(p => p.TimestampMilliseconds)
                .Take(limit)
                .ToArray());
        }
    }
}
