namespace FastLwm2m.Platform.Profiles;

/// <summary>
/// A stored profile was replaced. The session manager applies it at once to active sessions of the
/// profile's devices and at the next Update to sleeping ones; <see cref="Diff"/> says what to do.
/// </summary>
public sealed class ProfileChangedEventArgs : EventArgs
{
    /// <summary>Creates the event for <paramref name="oldProfile"/> replaced by <paramref name="newProfile"/>.</summary>
    public ProfileChangedEventArgs(DeviceProfile oldProfile, DeviceProfile newProfile)
    {
        ArgumentNullException.ThrowIfNull(oldProfile);
        ArgumentNullException.ThrowIfNull(newProfile);
        OldProfile = oldProfile;
        NewProfile = newProfile;
        Diff = ProfileDiff.Compute(oldProfile, newProfile);
    }

    /// <summary>The profile before the change.</summary>
    public DeviceProfile OldProfile { get; }

    /// <summary>The profile after the change.</summary>
    public DeviceProfile NewProfile { get; }

    /// <summary>What changed for a session.</summary>
    public ProfileDiff Diff { get; }
}
