using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Platform.Sessions.Internal;

/// <summary>
/// The session of one registered device: its registration, its profile's mapping, and a gate that
/// runs its operations (init, profile changes) one after the other without parking a thread.
/// </summary>
internal sealed class DeviceSession(DeviceInfo device, Registration registration, DeviceProfile profile, SessionMapping mapping)
{
    private Registration _registration = registration;
    private SessionMapping _mapping = mapping;
    private DeviceProfile _appliedProfile = profile;
    private MultiInstanceValues? _multiInstance;

    public DeviceInfo Device { get; } = device;

    public string Endpoint => _registration.Endpoint;

    public Registration Registration
    {
        get => Volatile.Read(ref _registration);
        set => Volatile.Write(ref _registration, value);
    }

    /// <summary>
    /// The profile whose operations (attributes written, reads, observations) the device has had.
    /// Differs from <see cref="Mapping"/>'s profile while a change waits for a sleeping device's next Update.
    /// Changed only under <see cref="Gate"/>.
    /// </summary>
    public DeviceProfile AppliedProfile
    {
        get => Volatile.Read(ref _appliedProfile);
        set => Volatile.Write(ref _appliedProfile, value);
    }

    /// <summary>
    /// Whether a profile change has not been applied to the device yet. Read without the gate: a stale
    /// answer at worst schedules an apply that finds nothing to do once it holds the gate.
    /// </summary>
    public bool HasPendingProfile => !ReferenceEquals(Volatile.Read(ref _mapping).Profile, AppliedProfile);

    /// <summary>
    /// The latest profile's mapping of values to keys, used at once even for a sleeping device. Replaced
    /// whole on a profile change, so the receive loop reads a consistent one without a lock.
    /// </summary>
    public SessionMapping Mapping
    {
        get => Volatile.Read(ref _mapping);
        set => Volatile.Write(ref _mapping, value);
    }

    /// <summary>The last known instances of the mapped multiple resources (made at first use: most profiles map none).</summary>
    public MultiInstanceValues MultiInstance => LazyInitializer.EnsureInitialized(ref _multiInstance);

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public volatile bool Closed;
}
