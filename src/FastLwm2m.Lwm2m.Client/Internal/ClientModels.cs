namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>
/// The models the client's codecs decode with: each of its objects in the version it registered,
/// other objects in the newest version the repository knows. Thread-safe (the object set is fixed).
/// </summary>
internal sealed class ClientModels(IReadOnlyDictionary<int, ObjectEnabler> objects, ObjectModelRepository repository) : IObjectModelProvider
{
    public ObjectModel? GetObjectModel(int objectId) =>
        objects.TryGetValue(objectId, out var enabler) ? enabler.Model : repository.GetLatest(objectId);
}
