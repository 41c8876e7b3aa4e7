using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Rpc;

/// <summary>
/// Resolves the user-friendly keys of RPC params (<c>{"key":"batteryLevel"}</c>) to resource
/// paths, as a device profile assigns them. Implementations are thread-safe.
/// </summary>
public interface IRpcKeyResolver
{
    /// <summary>The path of <paramref name="key"/> for the device of <paramref name="registration"/>; false if the key is unknown.</summary>
    bool TryResolve(Registration registration, string key, out Lwm2mPath path);
}
