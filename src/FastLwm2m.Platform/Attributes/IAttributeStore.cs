namespace FastLwm2m.Platform.Attributes;

/// <summary>
/// The latest attribute values per device (by endpoint name), keyed by the profile's key. Index:
/// (device, key). <see cref="SetAsync"/> returns the values that changed and raises
/// <see cref="Changed"/> for each of them; setting the same value again is no change. Thread-safe.
/// </summary>
public interface IAttributeStore
{
    /// <summary>An attribute took a new value (raised on the caller's thread, after the store was updated).</summary>
    event EventHandler<AttributeChangedEventArgs>? Changed;

    /// <summary>Stores values; a value older than the stored one is ignored. Returns what changed.</summary>
    ValueTask<IReadOnlyList<AttributeValue>> SetAsync(string device, IReadOnlyList<AttributeValue> values, CancellationToken cancellationToken = default);

    /// <summary>The latest values of a device, ordered by key.</summary>
    ValueTask<IReadOnlyList<AttributeValue>> GetAsync(string device, CancellationToken cancellationToken = default);

    /// <summary>The latest value of one key of a device, or null.</summary>
    ValueTask<AttributeValue?> GetAsync(string device, string key, CancellationToken cancellationToken = default);

    /// <summary>Removes every attribute of a device; returns how many there were.</summary>
    ValueTask<int> DeleteDeviceAsync(string device, CancellationToken cancellationToken = default);
}
