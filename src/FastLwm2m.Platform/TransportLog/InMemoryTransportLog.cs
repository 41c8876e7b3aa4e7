using System.Collections.Concurrent;

namespace FastLwm2m.Platform.TransportLog;

/// <summary>
/// <see cref="ITransportLog"/> in memory: a ring of the last <c>capacityPerDevice</c> lines per
/// device (older lines are dropped), each device's ring under its own lock.
/// </summary>
public sealed class InMemoryTransportLog : ITransportLog
{
    private readonly ConcurrentDictionary<string, Queue<TransportLogEntry>> _devices = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private readonly TimeProvider _time;

    /// <summary>Creates the log.</summary>
    /// <param name="capacityPerDevice">Lines kept per device (at least 1).</param>
    /// <param name="timeProvider">The clock stamping the lines.</param>
    public InMemoryTransportLog(int capacityPerDevice = 1_000, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerDevice, 1);
        _capacity = capacityPerDevice;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public event Action<string, TransportLogEntry>? Appended;

    /// <inheritdoc />
    public void Append(string device, string line)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(line);
        var entry = new TransportLogEntry(_time.GetUtcNow().ToUnixTimeMilliseconds(), line);
        var lines = _devices.GetOrAdd(device, static _ => new Queue<TransportLogEntry>());
        lock (lines)
        {
            if (lines.Count == _capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(entry);
        }

        Appended?.Invoke(device, entry);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TransportLogEntry>> GetAsync(string device, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (!_devices.TryGetValue(device, out var lines))
        {
            return Task.FromResult<IReadOnlyList<TransportLogEntry>>([]);
        }

        lock (lines)
        {
            return Task.FromResult<IReadOnlyList<TransportLogEntry>>(lines.Skip(Math.Max(0, lines.Count - limit)).ToArray());
        }
    }
}
