using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Platform.Sessions.Internal;

/// <summary>A profile's resource mappings indexed by resource path (without version), immutable.</summary>
internal sealed class SessionMapping
{
    private readonly Dictionary<Lwm2mPath, ProfileResource> _resources = [];

    public SessionMapping(DeviceProfile profile)
    {
        Profile = profile;
        foreach ((Lwm2mPath path, ProfileResource resource) in profile.Transport.EnumerateResources())
        {
            _resources[path.WithoutVersion] = resource;
        }
    }

    public DeviceProfile Profile { get; }

    public ProfileResource? Find(Lwm2mPath resourcePath) => _resources.GetValueOrDefault(resourcePath.WithoutVersion);
}
