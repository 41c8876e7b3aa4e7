namespace FastLwm2m.Lwm2m;

/// <summary>
/// Gives codecs and operations the model of an object, typically in the version a given client
/// registered. Implementations are thread-safe.
/// </summary>
public interface IObjectModelProvider
{
    /// <summary>The model of <paramref name="objectId"/> (in the version the provider is bound to), or null if unknown.</summary>
    ObjectModel? GetObjectModel(int objectId);
}
