namespace FastLwm2m.Platform;

/// <summary>
/// Persists devices and their credentials (<see cref="DeviceService"/> keeps the working copy in
/// memory and writes through this).
/// </summary>
/// <remarks>
/// <para>Indexes: the primary key (device id); unique indexes on the endpoint name and on the PSK
/// identity (both across tenants); an index on (tenant, name) for listings. A get is one key
/// lookup; a tenant's listing one range scan; <see cref="ListAllAsync"/> reads everything (once, at
/// start-up).</para>
/// <para>Cost: each write is one small transaction.</para>
/// <para>Thread safety: implementations are safe for concurrent use; each write is atomic.</para>
/// <para>Secrets (PSK keys) are stored as given: encryption at rest is a later concern.</para>
/// </remarks>
public interface IDeviceStore
{
    /// <summary>Stores <paramref name="device"/>, replacing the row of the same id.</summary>
    /// <returns>The row replaced, or null if the id was new.</returns>
    /// <exception cref="InvalidOperationException">Another device has the same endpoint name or PSK identity.</exception>
    Task<Device?> UpsertAsync(Device device, CancellationToken cancellationToken = default);

    /// <summary>Removes the device <paramref name="id"/>.</summary>
    /// <returns>The removed row, or null if there was none.</returns>
    Task<Device?> DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The device <paramref name="id"/>, or null.</summary>
    Task<Device?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The devices of <paramref name="tenant"/>, ordered by name then id.</summary>
    Task<IReadOnlyList<Device>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default);

    /// <summary>Every device of every tenant, in no particular order (to build in-memory indexes).</summary>
    Task<IReadOnlyList<Device>> ListAllAsync(CancellationToken cancellationToken = default);
}
