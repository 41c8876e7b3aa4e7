namespace FastLwm2m.Lwm2m.Internal;

/// <summary>
/// The models of one client: each object in the version it registered, the latest known version
/// for objects it did not register, nothing for a registered version the repository does not know.
/// Thread-safe as long as the version callback is.
/// </summary>
internal sealed class VersionBoundObjectModelProvider(ObjectModelRepository repository, Func<int, ObjectVersion?> registeredVersion)
    : IObjectModelProvider
{
    /// <inheritdoc />
    public ObjectModel? GetObjectModel(int objectId)
    {
        ObjectVersion? version = registeredVersion(objectId);
        if (version is null)
        {
            return repository.GetLatest(objectId);
        }

        return repository.TryGet(objectId, version.Value, out ObjectModel? model) ? model : null;
    }
}
