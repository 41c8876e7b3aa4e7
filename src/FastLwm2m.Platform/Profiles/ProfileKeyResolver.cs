using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Rpc;

namespace FastLwm2m.Platform.Profiles;

/// <summary>
/// Resolves RPC keys through the key names of the device's profile: <c>"batteryLevel"</c> →
/// <c>/3_1.2/0/9</c> (with the profile's object version, so the request is checked against the
/// version the client registered). Thread-safe; each profile's key map is built once and cached for
/// as long as the profile instance lives.
/// </summary>
public sealed class ProfileKeyResolver : IRpcKeyResolver
{
    private readonly Func<Registration, DeviceProfile?> _profileOf;
    private readonly ConditionalWeakTable<DeviceProfile, FrozenDictionary<string, Lwm2mPath>> _maps = [];

    /// <summary>Creates a resolver that finds the profile of a registration with <paramref name="profileOf"/> (null: no profile, no keys).</summary>
    public ProfileKeyResolver(Func<Registration, DeviceProfile?> profileOf)
    {
        ArgumentNullException.ThrowIfNull(profileOf);
        _profileOf = profileOf;
    }

    /// <inheritdoc />
    public bool TryResolve(Registration registration, string key, out Lwm2mPath path)
    {
        ArgumentNullException.ThrowIfNull(registration);
        DeviceProfile? profile = _profileOf(registration);
        if (profile is null || key is null)
        {
            path = default;
            return false;
        }

        return _maps.GetValue(profile, BuildMap).TryGetValue(key, out path);
    }

    private static FrozenDictionary<string, Lwm2mPath> BuildMap(DeviceProfile profile)
    {
        var map = new Dictionary<string, Lwm2mPath>(StringComparer.Ordinal);
        foreach ((Lwm2mPath path, ProfileResource resource) in profile.Transport.EnumerateResources())
        {
            if (!string.IsNullOrEmpty(resource.Key))
            {
                map.TryAdd(resource.Key, path);
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
