namespace FastLwm2m.Platform.Profiles;

/// <summary>An <see cref="IProfileStore"/> held in memory, for tests and embedders; nothing survives the process.</summary>
/// <remarks>
/// <para>Index: one dictionary keyed by (tenant, id): get, upsert and delete are O(1); a listing
/// scans every profile and sorts the tenant's.</para>
/// <para>Thread safety: one lock around every operation. Profiles are immutable records, stored and returned as given.</para>
/// </remarks>
public sealed class InMemoryProfileStore : IProfileStore
{
    private readonly Dictionary<(TenantId, Guid), DeviceProfile> _profiles = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<DeviceProfile?> UpsertAsync(DeviceProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _profiles.TryGetValue((profile.Tenant, profile.Id), out DeviceProfile? replaced);
            _profiles[(profile.Tenant, profile.Id)] = profile;
            return Task.FromResult(replaced);
        }
    }

    /// <inheritdoc />
    public Task<DeviceProfile?> DeleteAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _profiles.Remove((tenant, id), out DeviceProfile? removed);
            return Task.FromResult(removed);
        }
    }

    /// <inheritdoc />
    public Task<DeviceProfile?> GetAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_profiles.GetValueOrDefault((tenant, id)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceProfile>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<DeviceProfile> list = [.. _profiles.Values
                .Where(p => p.Tenant == tenant)
                .OrderBy(static p => p.Name, StringComparer.Ordinal)
                .ThenBy(static p => p.Id)];
            return Task.FromResult(list);
        }
    }
}
