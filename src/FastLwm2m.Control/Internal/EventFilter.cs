using FastLwm2m.Platform;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>
/// Which events one Events subscriber receives: the kinds it asked for, of devices of its tenant,
/// restricted to its device list and profile. Called on the event sources' threads: lock-free,
/// one dictionary look-up per event (<see cref="DeviceService.FindByEndpoint"/>).
/// </summary>
internal sealed class EventFilter
{
    private readonly DeviceService _devices;
    private readonly TenantId _tenant;
    private readonly HashSet<string>? _endpoints;
    private readonly Guid? _profile;
    private readonly HashSet<V1.EventKind>? _kinds;

    public EventFilter(DeviceService devices, TenantId tenant, IEnumerable<string> endpoints, Guid? profile, IEnumerable<V1.EventKind> kinds)
    {
        _devices = devices;
        _tenant = tenant;
        _profile = profile;
        var endpointSet = new HashSet<string>(endpoints, StringComparer.Ordinal);
        _endpoints = endpointSet.Count == 0 ? null : endpointSet;
        var kindSet = new HashSet<V1.EventKind>(kinds);
        _kinds = kindSet.Count == 0 ? null : kindSet;
    }

    /// <summary>Whether the subscriber asked for events of <paramref name="kind"/>.</summary>
    public bool Wants(V1.EventKind kind) => _kinds is null || _kinds.Contains(kind);

    /// <summary>Whether an event of <paramref name="kind"/> about <paramref name="endpoint"/> goes to the subscriber.</summary>
    public bool Accepts(V1.EventKind kind, string endpoint)
    {
        if (!Wants(kind) || (_endpoints is not null && !_endpoints.Contains(endpoint)))
        {
            return false;
        }

        // A device the platform does not know belongs to no tenant: nobody sees it.
        DeviceInfo? device = _devices.FindByEndpoint(endpoint);
        return device is not null && device.Tenant == _tenant && (_profile is null || device.ProfileId == _profile.Value);
    }
}
