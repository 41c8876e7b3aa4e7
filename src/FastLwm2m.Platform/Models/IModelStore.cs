using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform;

/// <summary>
/// Persists the object models of the model library (<see cref="ModelLibrary"/>), per scope
/// (<see cref="TenantId.System"/> or a tenant). Knows nothing of overriding: that is the library's.
/// </summary>
/// <remarks>
/// <para>Index: the primary key (scope, object id, version); every operation is one key lookup or
/// one range scan of a scope, ordered by object id then version.</para>
/// <para>Cost: <see cref="UpsertAsync"/> is one write transaction for the whole batch; reads return
/// the stored file content, so listing a scope costs the size of its files.</para>
/// <para>Thread safety: implementations are safe for concurrent use; each write is atomic (all
/// of a batch or none of it) and readers never see half of one.</para>
/// </remarks>
public interface IModelStore
{
    /// <summary>Stores <paramref name="records"/> in one transaction, replacing rows of the same key.</summary>
    /// <param name="records">The rows; no two with the same (scope, object id, version).</param>
    /// <param name="cancellationToken">Cancels before the transaction commits.</param>
    /// <returns>The rows that were replaced (their previous content); empty if every key was new.</returns>
    Task<IReadOnlyList<ModelRecord>> UpsertAsync(IReadOnlyList<ModelRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Removes the row (<paramref name="scope"/>, <paramref name="objectId"/>, <paramref name="version"/>).</summary>
    /// <returns>The removed row, or null if there was none.</returns>
    Task<ModelRecord?> DeleteAsync(TenantId scope, int objectId, ObjectVersion version, CancellationToken cancellationToken = default);

    /// <summary>The row (<paramref name="scope"/>, <paramref name="objectId"/>, <paramref name="version"/>), or null.</summary>
    Task<ModelRecord?> GetAsync(TenantId scope, int objectId, ObjectVersion version, CancellationToken cancellationToken = default);

    /// <summary>Every row of <paramref name="scope"/> (that scope only), ordered by object id then version.</summary>
    Task<IReadOnlyList<ModelRecord>> ListAsync(TenantId scope, CancellationToken cancellationToken = default);
}
