using System.Collections.Concurrent;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Internal;

namespace FastLwm2m.Platform;

/// <summary>
/// The object model library, on two levels: <see cref="TenantId.System"/> (uploaded by the system
/// administrator) and tenant. A tenant sees the system models and its own; its own override a system
/// model of the same id and version; it cannot delete a system model.
/// </summary>
/// <remarks>
/// <para>Uploads are all-or-nothing: every file is parsed before anything is written, and the
/// store writes the batch in one transaction. A bad file rejects the whole batch with the parser's
/// message, which names the file and the problem.</para>
/// <para>The parsed models of each scope are cached in memory (loaded from the store on first use)
/// and reloaded after each upload or delete through this library. Writes are serialized; reads never
/// wait for them. One library per store: writes made to the store by another process are not seen
/// until the scope is written through this library again.</para>
/// </remarks>
public sealed class ModelLibrary
{
    private readonly IModelStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<TenantId, ModelScopeSnapshot> _snapshots = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    /// <summary>Creates a library over <paramref name="store"/>.</summary>
    /// <param name="store">Where the models are kept.</param>
    /// <param name="builtInModels">
    /// Models below the system level, used only by <see cref="ForClient"/> when neither the tenant nor
    /// the system has the object (e.g. <see cref="ObjectModelRepository.CreateWithCoreModels"/>); not
    /// listed, not deletable. Null for none.
    /// </param>
    /// <param name="timeProvider">The clock for <see cref="ModelRecord.UpdatedAt"/>; <see cref="TimeProvider.System"/> if null.</param>
    public ModelLibrary(IModelStore store, ObjectModelRepository? builtInModels = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        BuiltInModels = builtInModels;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    internal ObjectModelRepository? BuiltInModels { get; }

    /// <summary>
    /// Parses <paramref name="files"/> and stores their models in <paramref name="scope"/>, replacing
    /// models of the same id and version in that scope.
    /// </summary>
    /// <param name="scope"><see cref="TenantId.System"/> for system models, or the uploading tenant.</param>
    /// <param name="files">DDF files, each with the name used in error messages.</param>
    /// <param name="cancellationToken">Cancels before the store commits.</param>
    /// <returns>The models added and replaced; or, if any file is bad (not a DDF file, no object
    /// definition, an (id, version) defined twice in the batch), the reason, and nothing is stored.</returns>
    public async Task<ModelUploadResult> UploadAsync(TenantId scope, IReadOnlyList<(string FileName, byte[] Content)> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return ModelUploadResult.Failure("no files");
        }

        DateTimeOffset now = _timeProvider.GetUtcNow();
        var records = new List<ModelRecord>();
        var definedIn = new Dictionary<(int, ObjectVersion), string>();
        for (int i = 0; i < files.Count; i++)
        {
            (string fileName, byte[] content) = files[i];
            if (string.IsNullOrWhiteSpace(fileName))
            {
                return ModelUploadResult.Failure($"file #{i + 1}: no file name");
            }

            if (content is null || content.Length == 0)
            {
                return ModelUploadResult.Failure($"{fileName}: empty file");
            }

            if (!DdfParser.TryParse(content, fileName, out IReadOnlyList<ObjectModel> models, out string? error))
            {
                return ModelUploadResult.Failure(error!);
            }

            if (models.Count == 0)
            {
                return ModelUploadResult.Failure($"{fileName}: no object definition (ObjectType 'MODefinition')");
            }

            // A private copy: the caller may reuse its buffer once this returns.
            byte[] stored = (byte[])content.Clone();
            foreach (ObjectModel model in models)
            {
                if (!definedIn.TryAdd((model.Id, model.Version), fileName))
                {
                    return ModelUploadResult.Failure(
                        $"{fileName}: object {model.Id} version {model.Version} is also defined in {definedIn[(model.Id, model.Version)]}");
                }

                records.Add(new ModelRecord
                {
                    Scope = scope,
                    ObjectId = model.Id,
                    Version = model.Version,
                    Name = model.Name,
                    FileName = fileName,
                    Content = stored,
                    UpdatedAt = now,
                });
            }
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<ModelRecord> replaced = await _store.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
            ModelScopeSnapshot snapshot = await ReloadAsync(scope).ConfigureAwait(false);
            var replacedKeys = replaced.Select(static r => (r.ObjectId, r.Version)).ToHashSet();
            var added = new List<ModelInfo>();
            var replacedEntries = new List<ModelInfo>();
            foreach (ModelInfo entry in snapshot.Entries)
            {
                if (!definedIn.ContainsKey((entry.ObjectId, entry.Version)))
                {
                    continue;
                }

                (replacedKeys.Contains((entry.ObjectId, entry.Version)) ? replacedEntries : added).Add(entry);
            }

            return ModelUploadResult.Success(added.AsReadOnly(), replacedEntries.AsReadOnly());
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// The models <paramref name="viewer"/> sees: the system models and, for a tenant, its own, a
    /// tenant model replacing the system model of the same id and version. Ordered by id then version;
    /// each entry says its <see cref="ModelInfo.Level"/>. Built-in models are not listed.
    /// </summary>
    public async Task<IReadOnlyList<ModelInfo>> ListAsync(TenantId viewer, CancellationToken cancellationToken = default)
    {
        ModelScopeSnapshot system = await GetSnapshotAsync(TenantId.System, cancellationToken).ConfigureAwait(false);
        if (viewer.IsSystem)
        {
            return system.Entries;
        }

        ModelScopeSnapshot own = await GetSnapshotAsync(viewer, cancellationToken).ConfigureAwait(false);
        if (own.Entries.Count == 0)
        {
            return system.Entries;
        }

        var merged = new SortedDictionary<(int, ushort), ModelInfo>();
        foreach (ModelInfo entry in system.Entries)
        {
            merged[(entry.ObjectId, entry.Version.Packed)] = entry;
        }

        foreach (ModelInfo entry in own.Entries)
        {
            merged[(entry.ObjectId, entry.Version.Packed)] = entry;
        }

        return [.. merged.Values];
    }

    /// <summary>The model <paramref name="viewer"/> sees for (<paramref name="objectId"/>, <paramref name="version"/>): its own, else the system's; null if neither.</summary>
    public async Task<ModelInfo?> GetAsync(TenantId viewer, int objectId, ObjectVersion version, CancellationToken cancellationToken = default)
    {
        if (!viewer.IsSystem)
        {
            ModelScopeSnapshot own = await GetSnapshotAsync(viewer, cancellationToken).ConfigureAwait(false);
            if (own.ByKey.TryGetValue((objectId, version), out ModelInfo? mine))
            {
                return mine;
            }
        }

        ModelScopeSnapshot system = await GetSnapshotAsync(TenantId.System, cancellationToken).ConfigureAwait(false);
        return system.ByKey.GetValueOrDefault((objectId, version));
    }

    /// <summary>
    /// Deletes the model (<paramref name="objectId"/>, <paramref name="version"/>) of
    /// <paramref name="actor"/>'s own scope. A tenant deleting its override makes the system model
    /// visible again; a tenant naming a system model gets <see cref="ModelDeleteStatus.Forbidden"/>.
    /// </summary>
    public async Task<ModelDeleteResult> DeleteAsync(TenantId actor, int objectId, ObjectVersion version, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ModelRecord? removed = await _store.DeleteAsync(actor, objectId, version, cancellationToken).ConfigureAwait(false);
            if (removed is not null)
            {
                ModelScopeSnapshot? before = _snapshots.GetValueOrDefault(actor);
                await ReloadAsync(actor).ConfigureAwait(false);
                ModelInfo info = before is not null && before.ByKey.TryGetValue((objectId, version), out ModelInfo? cached)
                    ? cached
                    : ToInfo(removed);
                return ModelDeleteResult.Success(info);
            }
        }
        finally
        {
            _writeLock.Release();
        }

        if (!actor.IsSystem)
        {
            ModelScopeSnapshot system = await GetSnapshotAsync(TenantId.System, cancellationToken).ConfigureAwait(false);
            if (system.ByKey.ContainsKey((objectId, version)))
            {
                return ModelDeleteResult.Forbidden(
                    $"object {objectId} version {version} is a system model; tenant '{actor}' cannot delete it");
            }
        }

        return ModelDeleteResult.NotFound($"object {objectId} version {version} not found");
    }

    /// <summary>
    /// The models to decode a client of <paramref name="tenant"/> with: each object in the version
    /// <paramref name="registeredVersions"/> gives (the tenant's model, else the system's, else the
    /// built-in one; none if no level has that version), or, where it gives null, the highest version
    /// known. Lookups see uploads and deletes at once. The first lookup of a scope not loaded yet reads
    /// the store synchronously; call <see cref="PreloadAsync"/> to avoid that.
    /// </summary>
    /// <param name="tenant">The client's tenant (<see cref="TenantId.System"/> for system models only).</param>
    /// <param name="registeredVersions">Object id → the version of the client's registration (<c>ver</c>), or null. Called on every lookup; must be thread-safe.</param>
    public IObjectModelProvider ForClient(TenantId tenant, Func<int, ObjectVersion?> registeredVersions)
    {
        ArgumentNullException.ThrowIfNull(registeredVersions);
        return new TenantObjectModelProvider(this, tenant, registeredVersions);
    }

    /// <summary>Loads the system models and those of <paramref name="tenant"/> into the cache, if not there yet.</summary>
    public async Task PreloadAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await GetSnapshotAsync(TenantId.System, cancellationToken).ConfigureAwait(false);
        await GetSnapshotAsync(tenant, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cached snapshot of <paramref name="scope"/>, loading it synchronously on a miss.</summary>
    internal ModelScopeSnapshot GetSnapshot(TenantId scope)
        => _snapshots.TryGetValue(scope, out ModelScopeSnapshot? snapshot)
            ? snapshot
            : GetSnapshotAsync(scope, CancellationToken.None).GetAwaiter().GetResult();

    private async Task<ModelScopeSnapshot> GetSnapshotAsync(TenantId scope, CancellationToken cancellationToken)
    {
        if (_snapshots.TryGetValue(scope, out ModelScopeSnapshot? snapshot))
        {
            return snapshot;
        }

        ModelScopeSnapshot loaded = await LoadAsync(scope, cancellationToken).ConfigureAwait(false);

        // TryAdd, never overwrite: a writer may have published a newer snapshot while this one
        // was read, and only writers replace snapshots.
        return _snapshots.GetOrAdd(scope, loaded);
    }

    /// <summary>Reads <paramref name="scope"/> again after a write (under the write lock) and publishes it.</summary>
    private async Task<ModelScopeSnapshot> ReloadAsync(TenantId scope)
    {
        // Not cancellable: the write has committed, and the cache must not keep the old state.
        ModelScopeSnapshot snapshot = await LoadAsync(scope, CancellationToken.None).ConfigureAwait(false);
        _snapshots[scope] = snapshot;
        return snapshot;
    }

    private async Task<ModelScopeSnapshot> LoadAsync(TenantId scope, CancellationToken cancellationToken)
    {
        IReadOnlyList<ModelRecord> records = await _store.ListAsync(scope, cancellationToken).ConfigureAwait(false);
        ModelScopeSnapshot? previous = _snapshots.GetValueOrDefault(scope);
        var entries = new List<ModelInfo>(records.Count);
        foreach (ModelRecord record in records)
        {
            // Reuse the parsed model when the stored file is the same: a reload after an upload then
            // parses only what changed, not the whole scope (the system level may hold the registry).
            if (previous is not null
                && previous.ByKey.TryGetValue((record.ObjectId, record.Version), out ModelInfo? known)
                && known.FileName == record.FileName
                && known.UpdatedAt == record.UpdatedAt
                && known.Content.Span.SequenceEqual(record.Content.Span))
            {
                entries.Add(known);
                continue;
            }

            entries.Add(ToInfo(record));
        }

        return new ModelScopeSnapshot(entries.AsReadOnly());
    }

    private static ModelInfo ToInfo(ModelRecord record)
    {
        // Stored files were parsed before they were written, so failing here means the store was
        // changed behind the library's back.
        if (!DdfParser.TryParse(record.Content.Span, record.FileName, out IReadOnlyList<ObjectModel> models, out string? error))
        {
            throw new InvalidDataException($"Stored model of {record.Scope}, object {record.ObjectId} version {record.Version}: {error}");
        }

        ObjectModel? model = models.FirstOrDefault(m => m.Id == record.ObjectId && m.Version == record.Version)
            ?? throw new InvalidDataException(
                $"Stored model of {record.Scope}, object {record.ObjectId} version {record.Version}: {record.FileName} does not define it");
        return new ModelInfo
        {
            Scope = record.Scope,
            Model = model,
            FileName = record.FileName,
            Content = record.Content,
            UpdatedAt = record.UpdatedAt,
        };
    }
}
