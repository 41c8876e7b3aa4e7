using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Profiles;

/// <summary>A profile's "LwM2M transport configuration": the model mapping, observe settings, bootstrap and other settings.</summary>
public sealed record Lwm2mTransportConfiguration
{
    /// <summary>The supported objects; an object whose resources have no flags does not appear once saved.</summary>
    public IReadOnlyList<ProfileObject> Objects { get; init; } = [];

    /// <summary>
    /// "Initialize attributes and telemetry using Observe strategy": off (the default) reads them one by
    /// one at registration; on initializes them by observing with <see cref="ObserveStrategy"/>.
    /// </summary>
    public bool InitializeWithObserve { get; init; }

    /// <summary>How observed resources are grouped.</summary>
    public ObserveStrategy ObserveStrategy { get; init; } = ObserveStrategy.Single;

    /// <summary>
    /// Beyond the guide: initial reads are one Read per object instance, or one Read-Composite for
    /// clients of LwM2M 1.1 and later, instead of one Read per resource.
    /// </summary>
    public bool ReadByObject { get; init; }

    /// <summary>
    /// Notification attributes (pmin, pmax, gt, lt, st…) to write, by object, instance or resource path
    /// (with the object version once saved, e.g. "/3_1.2/0/9").
    /// </summary>
    public IReadOnlyDictionary<Lwm2mPath, NotificationAttributes> NotificationAttributes { get; init; } = new Dictionary<Lwm2mPath, NotificationAttributes>();

    /// <summary>Bootstrap settings.</summary>
    public BootstrapSettings Bootstrap { get; init; } = new();

    /// <summary>Firmware and software update settings.</summary>
    public OtaSettings Ota { get; init; } = new();

    /// <summary>Every mapped resource with its path ("/3_1.2/0/9"), in object order.</summary>
    public IEnumerable<(Lwm2mPath Path, ProfileResource Resource)> EnumerateResources()
    {
        foreach (ProfileObject obj in Objects)
        {
            foreach (ProfileResource resource in obj.Resources)
            {
                yield return (resource.PathIn(obj), resource);
            }
        }
    }

    /// <summary>The paths of the resources to observe.</summary>
    public IEnumerable<Lwm2mPath> ObservedPaths()
        => EnumerateResources().Where(static r => r.Resource.Observe).Select(static r => r.Path);
}
