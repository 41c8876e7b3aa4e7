namespace FastLwm2m.Platform.Profiles;

/// <summary>
/// Persists device profiles, per tenant. Knows nothing of validation: that is <see cref="ProfileService"/>'s.
/// </summary>
/// <remarks>
/// <para>Index: the primary key (tenant, id); listings are one range scan of a tenant, ordered by
/// name then id. Name uniqueness is checked by the service, not the store.</para>
/// <para>Cost: every operation is one key lookup or one range scan; a profile is read and written
/// whole (its transport configuration as one document), so a listing costs the size of the tenant's profiles.</para>
/// <para>Thread safety: implementations are safe for concurrent use; each write is atomic and
/// readers never see half of one.</para>
/// </remarks>
public interface IProfileStore
{
    /// <summary>Stores <paramref name="profile"/>, replacing the row with the same (tenant, id).</summary>
    /// <returns>The profile replaced, or null if the key was new.</returns>
    Task<DeviceProfile?> UpsertAsync(DeviceProfile profile, CancellationToken cancellationToken = default);

    /// <summary>Removes the profile (<paramref name="tenant"/>, <paramref name="id"/>).</summary>
    /// <returns>The removed profile, or null if there was none.</returns>
    Task<DeviceProfile?> DeleteAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default);

    /// <summary>The profile (<paramref name="tenant"/>, <paramref name="id"/>), or null.</summary>
    Task<DeviceProfile?> GetAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Every profile of <paramref name="tenant"/>, ordered by name (ordinal) then id.</summary>
    Task<IReadOnlyList<DeviceProfile>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default);
}
