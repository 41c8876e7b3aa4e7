using System.Collections.Concurrent;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Profiles;

/// <summary>
/// Creates, updates, reads and deletes the device profiles of each tenant, validating them against
/// the model library the tenant sees, and raises <see cref="ProfileChanged"/> when a stored profile
/// is replaced.
/// </summary>
/// <remarks>
/// <para>Saving normalizes the profile: resources without flags are dropped, and so is an object
/// with none left (the guide: such an object "will not appear in the device profile
/// configuration"); missing keys are generated from the model's resource names
/// (<see cref="KeyNames.FromResourceName"/>), a generated key already taken getting a numeric suffix
/// ("batteryLevel2"), while an explicit key already taken is rejected; objects and resources are
/// sorted; notification attribute paths get the object version of the profile.</para>
/// <para>Writes are serialized (the name check and the store write are one step). <see cref="GetAsync"/>
/// reads through an in-memory cache by id (a device's profile is looked up at every registration);
/// writes through this service keep it current, so the store must not be changed behind its back.</para>
/// </remarks>
public sealed partial class ProfileService
{
    private readonly IProfileStore _store;
    private readonly ModelLibrary _models;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    // Profiles are keyed by (tenant, id) in the store, so in the cache too: two tenants may use the same id.
    private readonly ConcurrentDictionary<(TenantId Tenant, Guid Id), DeviceProfile> _cache = new();
    private readonly Lock _cacheSync = new();
    private long _generation; // bumped with every cache change of a write; a read that raced one does not cache what it read

    /// <summary>Creates the service over <paramref name="store"/>, validating objects against <paramref name="models"/>.</summary>
    /// <param name="store">Where profiles are kept.</param>
    /// <param name="models">The model library; an object is accepted when the tenant sees its (id, version) there, or the library's built-in models have it.</param>
    /// <param name="timeProvider">The clock for <see cref="DeviceProfile.UpdatedAt"/>; <see cref="TimeProvider.System"/> if null.</param>
    public ProfileService(IProfileStore store, ModelLibrary models, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(models);
        _store = store;
        _models = models;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Raised after an update replaced a stored profile, with the old and new profile and their
    /// <see cref="ProfileDiff"/>. Handlers run synchronously on the saving thread, under the service's
    /// write lock (so in the order of the writes): they must be quick, must not throw and must not
    /// save profiles themselves.
    /// </summary>
    public event EventHandler<ProfileChangedEventArgs>? ProfileChanged;

    /// <summary>Validates and stores a new profile of <paramref name="tenant"/>.</summary>
    /// <param name="tenant">The owner (<paramref name="profile"/>'s <see cref="DeviceProfile.Tenant"/> is ignored).</param>
    /// <param name="profile">The profile; an empty <see cref="DeviceProfile.Id"/> gets a new one.</param>
    /// <param name="cancellationToken">Cancels before the store write.</param>
    /// <returns><see cref="ProfileSaveStatus.Created"/> with the stored profile, or <see cref="ProfileSaveStatus.Invalid"/> with the errors (also when the id is taken).</returns>
    public async Task<ProfileSaveResult> CreateAsync(TenantId tenant, DeviceProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile = profile with { Tenant = tenant, Id = profile.Id == Guid.Empty ? Guid.NewGuid() : profile.Id };
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await _store.GetAsync(tenant, profile.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return Invalid([new ProfileValidationError("id", $"profile {profile.Id} already exists")]);
            }

            (DeviceProfile? normalized, List<ProfileValidationError> errors) = await NormalizeAsync(profile, cancellationToken).ConfigureAwait(false);
            if (normalized is null)
            {
                return Invalid(errors);
            }

            await _store.UpsertAsync(normalized, cancellationToken).ConfigureAwait(false);
            SetCached(tenant, normalized.Id, normalized);
            return new ProfileSaveResult { Status = ProfileSaveStatus.Created, Profile = normalized };
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Validates <paramref name="profile"/> and replaces the stored profile of the same id, then raises <see cref="ProfileChanged"/>.</summary>
    /// <param name="tenant">The owner.</param>
    /// <param name="profile">The new content; <see cref="DeviceProfile.Id"/> names the profile to replace.</param>
    /// <param name="cancellationToken">Cancels before the store write.</param>
    /// <returns><see cref="ProfileSaveStatus.Updated"/> with the stored and replaced profiles, <see cref="ProfileSaveStatus.NotFound"/>, or <see cref="ProfileSaveStatus.Invalid"/>.</returns>
    public async Task<ProfileSaveResult> UpdateAsync(TenantId tenant, DeviceProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile = profile with { Tenant = tenant };
        DeviceProfile normalized;
        DeviceProfile replaced;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DeviceProfile? existing = await _store.GetAsync(tenant, profile.Id, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return new ProfileSaveResult
                {
                    Status = ProfileSaveStatus.NotFound,
                    Errors = [new ProfileValidationError("id", $"tenant '{tenant}' has no profile {profile.Id}")],
                };
            }

            (DeviceProfile? valid, List<ProfileValidationError> errors) = await NormalizeAsync(profile, cancellationToken).ConfigureAwait(false);
            if (valid is null)
            {
                return Invalid(errors);
            }

            normalized = valid;
            replaced = await _store.UpsertAsync(normalized, cancellationToken).ConfigureAwait(false) ?? existing;
            SetCached(tenant, normalized.Id, normalized);

            // Raised under the write lock, so handlers see the changes in the order they were stored
            // (two concurrent updates must not leave a session on the older one).
            ProfileChanged?.Invoke(this, new ProfileChangedEventArgs(replaced, normalized));
        }
        finally
        {
            _writeLock.Release();
        }

        return new ProfileSaveResult { Status = ProfileSaveStatus.Updated, Profile = normalized, Replaced = replaced };
    }

    /// <summary>The profile <paramref name="id"/> of <paramref name="tenant"/>, or null.</summary>
    public async Task<DeviceProfile?> GetAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue((tenant, id), out DeviceProfile? cached))
        {
            return cached;
        }

        long generation = Interlocked.Read(ref _generation);
        DeviceProfile? loaded = await _store.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (loaded is not null)
        {
            lock (_cacheSync)
            {
                // A write whose cache change came after this read started wins: what was read may be older.
                if (_generation == generation)
                {
                    _cache.TryAdd((tenant, id), loaded);
                }
            }
        }

        return loaded;
    }

    /// <summary>The profiles of <paramref name="tenant"/>, by name.</summary>
    public Task<IReadOnlyList<DeviceProfile>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default)
        => _store.ListAsync(tenant, cancellationToken);

    /// <summary>Deletes the profile <paramref name="id"/> of <paramref name="tenant"/>.</summary>
    /// <returns>The deleted profile, or null if the tenant had none with that id.</returns>
    public async Task<DeviceProfile?> DeleteAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DeviceProfile? deleted = await _store.DeleteAsync(tenant, id, cancellationToken).ConfigureAwait(false);
            SetCached(tenant, id, null);
            return deleted;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>After a store write: the cache entry changes and the generation moves on, together.</summary>
    private void SetCached(TenantId tenant, Guid id, DeviceProfile? profile)
    {
        lock (_cacheSync)
        {
            _generation++;
            if (profile is null)
            {
                _cache.TryRemove((tenant, id), out _);
            }
            else
            {
                _cache[(tenant, id)] = profile;
            }
        }
    }

    private static ProfileSaveResult Invalid(IReadOnlyList<ProfileValidationError> errors)
        => new() { Status = ProfileSaveStatus.Invalid, Errors = errors };

    private async Task<ObjectModel?> FindModelAsync(TenantId tenant, int objectId, ObjectVersion version, CancellationToken cancellationToken)
    {
        ModelInfo? info = await _models.GetAsync(tenant, objectId, version, cancellationToken).ConfigureAwait(false);
        if (info is not null)
        {
            return info.Model;
        }

        // Built-in core models stand below the system level (as for ForClient), so the default
        // profile can be saved before anyone uploads objects 3, 4 and 6.
        return _models.BuiltInModels is { } builtIn && builtIn.TryGet(objectId, version, out ObjectModel? model) ? model : null;
    }
}
