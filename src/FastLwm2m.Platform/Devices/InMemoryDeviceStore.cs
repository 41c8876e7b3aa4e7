namespace FastLwm2m.Platform;

/// <summary>An <see cref="IDeviceStore"/> held in memory, for tests and quick starts; nothing survives the process.</summary>
/// <remarks>
/// <para>Index: id → device, plus endpoint → id and PSK identity → id for the uniqueness checks.
/// Get, upsert and delete are O(1); a tenant listing scans every device.</para>
/// <para>Thread safety: one lock around every operation.</para>
/// </remarks>
public sealed class InMemoryDeviceStore : IDeviceStore
{
    private readonly Dictionary<Guid, Device> _byId = [];
    private readonly Dictionary<string, Guid> _byEndpoint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _byPskIdentity = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<Device?> UpsertAsync(Device device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_byEndpoint.TryGetValue(device.Endpoint, out Guid owner) && owner != device.Id)
            {
                throw new InvalidOperationException($"endpoint '{device.Endpoint}' belongs to another device");
            }

            string? identity = (device.Credentials as PskCredentials)?.PskIdentity;
            if (identity is not null && _byPskIdentity.TryGetValue(identity, out owner) && owner != device.Id)
            {
                throw new InvalidOperationException($"PSK identity '{identity}' belongs to another device");
            }

            _byId.TryGetValue(device.Id, out Device? replaced);
            if (replaced is not null)
            {
                Unindex(replaced);
            }

            _byId[device.Id] = device;
            _byEndpoint[device.Endpoint] = device.Id;
            if (identity is not null)
            {
                _byPskIdentity[identity] = device.Id;
            }

            return Task.FromResult(replaced);
        }
    }

    /// <inheritdoc />
    public Task<Device?> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_byId.Remove(id, out Device? removed))
            {
                return Task.FromResult<Device?>(null);
            }

            Unindex(removed);
            return Task.FromResult<Device?>(removed);
        }
    }

    /// <inheritdoc />
    public Task<Device?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_byId.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Device>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<Device> devices = [.. _byId.Values.Where(d => d.Tenant == tenant).OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Id)];
            return Task.FromResult(devices);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Device>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<Device> devices = [.. _byId.Values];
            return Task.FromResult(devices);
        }
    }

    private void Unindex(Device device)
    {
        _byEndpoint.Remove(device.Endpoint);
        if (device.Credentials is PskCredentials psk)
        {
            _byPskIdentity.Remove(psk.PskIdentity);
        }
    }
}
