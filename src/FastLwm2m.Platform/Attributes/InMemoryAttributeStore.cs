using System.Collections.Concurrent;

namespace FastLwm2m.Platform.Attributes;

/// <summary>
/// <see cref="IAttributeStore"/> in memory: a concurrent map of devices, each a small dictionary
/// guarded by its own lock (O(1) set and get per key). Every call completes synchronously.
/// </summary>
public sealed class InMemoryAttributeStore : IAttributeStore
{
    private readonly ConcurrentDictionary<string, Dictionary<string, AttributeValue>> _devices = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public event EventHandler<AttributeChangedEventArgs>? Changed;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AttributeValue>> SetAsync(string device, IReadOnlyList<AttributeValue> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(values);
        var attributes = _devices.GetOrAdd(device, static _ => new Dictionary<string, AttributeValue>(StringComparer.Ordinal));
        List<(AttributeValue Value, AttributeValue? Previous)>? changed = null;
        lock (attributes)
        {
            foreach (AttributeValue value in values)
            {
                AttributeValue? previous = attributes.TryGetValue(value.Key, out AttributeValue p) ? p : null;
                if (previous is { } before && (before.TimestampMilliseconds > value.TimestampMilliseconds || before.Value.Equals(value.Value)))
                {
                    continue;
                }

                attributes[value.Key] = value;
                (changed ??= []).Add((value, previous));
            }
        }

        if (changed is null)
        {
            return ValueTask.FromResult<IReadOnlyList<AttributeValue>>([]);
        }

        foreach ((AttributeValue value, AttributeValue? previous) in changed)
        {
            Changed?.Invoke(this, new AttributeChangedEventArgs(device, value, previous));
        }

        return ValueTask.FromResult<IReadOnlyList<AttributeValue>>(changed.Select(static c => c.Value).ToArray());
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AttributeValue>> GetAsync(string device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!_devices.TryGetValue(device, out var attributes))
        {
            return ValueTask.FromResult<IReadOnlyList<AttributeValue>>([]);
        }

        lock (attributes)
        {
            return ValueTask.FromResult<IReadOnlyList<AttributeValue>>(attributes.Values.OrderBy(static a => a.Key, StringComparer.Ordinal).ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<AttributeValue?> GetAsync(string device, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(key);
        if (!_devices.TryGetValue(device, out var attributes))
        {
            return ValueTask.FromResult<AttributeValue?>(null);
        }

        lock (attributes)
        {
            return ValueTask.FromResult<AttributeValue?>(attributes.TryGetValue(key, out AttributeValue value) ? value : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteDeviceAsync(string device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!_devices.TryRemove(device, out var attributes))
        {
            return ValueTask.FromResult(0);
        }

        lock (attributes)
        {
            return ValueTask.FromResult(attributes.Count);
        }
    }
}
