using System.Collections.Concurrent;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// The in-process registration store. Index by id and by address: a concurrent dictionary, lock-free and
/// allocation-free to read (span lookup), because every Update, Send and notification reads one. Index by endpoint: a plain
/// dictionary under the write lock (its entries are structs, ~24 bytes instead of a ~48-byte node,
/// and it is read only on Register and by the control plane). Add/Replace/Remove take the lock so
/// that the two indexes never disagree.
/// </summary>
public sealed class InMemoryRegistrationStore : IRegistrationStore
{
    private readonly ConcurrentDictionary<string, Registration> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Registration>.AlternateLookup<ReadOnlySpan<char>> _byIdSpan;
    private readonly Dictionary<string, Registration> _byEndpoint = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Internal.CompactAddress, Registration> _byAddress = new();
    private readonly Lock _writeLock = new();

    /// <summary>Creates an empty store.</summary>
    public InMemoryRegistrationStore() => _byIdSpan = _byId.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <inheritdoc />
    public int Count => _byId.Count;

    /// <inheritdoc />
    public Registration? Add(Registration registration)
    {
        lock (_writeLock)
        {
            _byEndpoint.TryGetValue(registration.Endpoint, out var previous);
            if (previous is not null)
            {
                _byId.TryRemove(previous.Id, out _);
                RemoveAddressIfCurrent(previous);
            }

            _byId[registration.Id] = registration;
            _byEndpoint[registration.Endpoint] = registration;
            _byAddress[registration.Address] = registration;
            return previous;
        }
    }

    /// <inheritdoc />
    public Registration? Replace(Registration updated)
    {
        lock (_writeLock)
        {
            if (!_byId.TryGetValue(updated.Id, out var previous))
            {
                return null;
            }

            _byId[updated.Id] = updated;
            _byEndpoint[updated.Endpoint] = updated;
            RemoveAddressIfCurrent(previous);
            _byAddress[updated.Address] = updated;
            return previous;
        }
    }

    /// <inheritdoc />
    public Registration? Remove(string id)
    {
        lock (_writeLock)
        {
            if (!_byId.TryRemove(id, out var removed))
            {
                return null;
            }

            RemoveEndpointIfCurrent(removed);
            RemoveAddressIfCurrent(removed);
            return removed;
        }
    }

    /// <inheritdoc />
    public bool RemoveIfCurrent(Registration registration)
    {
        lock (_writeLock)
        {
            if (!_byId.TryRemove(new KeyValuePair<string, Registration>(registration.Id, registration)))
            {
                return false;
            }

            RemoveEndpointIfCurrent(registration);
            RemoveAddressIfCurrent(registration);
            return true;
        }
    }

    /// <inheritdoc />
    public Registration? GetById(ReadOnlySpan<char> id) => _byIdSpan.TryGetValue(id, out var r) ? r : null;

    /// <inheritdoc />
    public Registration? GetByEndpoint(string endpoint)
    {
        lock (_writeLock)
        {
            return _byEndpoint.TryGetValue(endpoint, out var r) ? r : null;
        }
    }

    /// <inheritdoc />
    public Registration? GetByAddress(System.Net.SocketAddress address) =>
        _byAddress.TryGetValue(Internal.CompactAddress.From(address), out var r) ? r : null;

    private void RemoveAddressIfCurrent(Registration registration) =>
        _byAddress.TryRemove(new KeyValuePair<Internal.CompactAddress, Registration>(registration.Address, registration));

    private void RemoveEndpointIfCurrent(Registration registration)
    {
        if (_byEndpoint.TryGetValue(registration.Endpoint, out var current) && current == registration)
        {
            _byEndpoint.Remove(registration.Endpoint);
        }
    }

    /// <inheritdoc />
    public IReadOnlyCollection<Registration> GetAll() => _byId.Values.ToArray();
}
