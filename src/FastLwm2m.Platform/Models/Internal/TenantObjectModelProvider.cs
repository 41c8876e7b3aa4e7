using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Internal;

/// <summary>
/// The models one client of one tenant is decoded with: for a registered version, the tenant's
/// model, else the system's, else the built-in one; for an object registered without a version
/// known to the caller (null), the highest version of the three levels, a tenant model winning a tie.
/// Reads the library's current snapshots on every lookup, so an upload or a delete takes effect at once.
/// </summary>
internal sealed class TenantObjectModelProvider(ModelLibrary library, TenantId tenant, Func<int, ObjectVersion?> registeredVersions)
    : IObjectModelProvider
{
    /// <inheritdoc />
    public ObjectModel? GetObjectModel(int objectId)
    {
        ObjectModelRepository? own = tenant.IsSystem ? null : library.GetSnapshot(tenant).Repository;
        ObjectModelRepository system = library.GetSnapshot(TenantId.System).Repository;
        ObjectModelRepository? builtIn = library.BuiltInModels;
        ObjectVersion? version = registeredVersions(objectId);
        if (version is { } registered)
        {
            if (own is not null && own.TryGet(objectId, registered, out ObjectModel? model))
            {
                return model;
            }

            if (system.TryGet(objectId, registered, out model))
            {
                return model;
            }

            return builtIn is not null && builtIn.TryGet(objectId, registered, out model) ? model : null;
        }

        ObjectModel? best = own?.GetLatest(objectId);
        best = Higher(best, system.GetLatest(objectId));
        return Higher(best, builtIn?.GetLatest(objectId));
    }

    /// <summary>The higher version; <paramref name="preferred"/> on a tie.</summary>
    private static ObjectModel? Higher(ObjectModel? preferred, ObjectModel? other)
    {
        if (preferred is null)
        {
            return other;
        }

        return other is not null && other.Version.CompareTo(preferred.Version) > 0 ? other : preferred;
    }
}
