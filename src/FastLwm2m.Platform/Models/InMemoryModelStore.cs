using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform;

/// <summary>
/// An <see cref="IModelStore"/> held in memory, for tests and for embedders that load their models
/// at start-up; nothing survives the process.
/// </summary>
/// <remarks>
/// <para>Index: scope → a sorted map of (object id, packed version) → row. Get, upsert and delete
/// are O(log n) in the scope's size; a listing copies the scope.</para>
/// <para>Thread safety: one lock around every operation; a batch is applied whole under it.</para>
/// </remarks>
public sealed class InMemoryModelStore : IModelStore
{
    private readonly Dictionary<TenantId, SortedDictionary<(int ObjectId, ushort Version), ModelRecord>> _scopes = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelRecord>> UpsertAsync(IReadOnlyList<ModelRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        cancellationToken.ThrowIfCancellationRequested();
        var replaced = new List<ModelRecord>();
        lock (_lock)
        {
            foreach (ModelRecord record in records)
            {
                SortedDictionary<(int, ushort), ModelRecord> scope = GetOrAddScope(record.Scope);
                if (scope.TryGetValue(Key(record.ObjectId, record.Version), out ModelRecord? old))
                {
                    replaced.Add(old);
                }

                scope[Key(record.ObjectId, record.Version)] = record;
            }
        }

        return Task.FromResult<IReadOnlyList<ModelRecord>>(replaced.AsReadOnly());
    }

    /// <inheritdoc />
    public Task<ModelRecord?> DeleteAsync(TenantId scope, int objectId, ObjectVersion version, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_scopes.TryGetValue(scope, out var rows) && rows.Remove(Key(objectId, version), out ModelRecord? removed))
            {
                return Task.FromResult<ModelRecord?>(removed);
            }
        }

        return Task.FromResult<ModelRecord?>(null);
    }

    /// <inheritdoc />
    public Task<ModelRecord?> GetAsync(TenantId scope, int objectId, ObjectVersion version, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_scopes.TryGetValue(scope, out var rows) && rows.TryGetValue(Key(objectId, version), out ModelRecord? record))
            {
                return Task.FromResult<ModelRecord?>(record);
            }
        }

        return Task.FromResult<ModelRecord?>(null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelRecord>> ListAsync(TenantId scope, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<ModelRecord> rows = _scopes.TryGetValue(scope, out var scoped) ? [.. scoped.Values] : [];
            return Task.FromResult(rows);
        }
    }

    private SortedDictionary<(int, ushort), ModelRecord> GetOrAddScope(TenantId scope)
    {
        if (!_scopes.TryGetValue(scope, out var rows))
        {
            rows = [];
            _scopes.Add(scope, rows);
        }

        return rows;
    }

    private static (int, ushort) Key(int objectId, ObjectVersion version) => (objectId, version.Packed);
}
