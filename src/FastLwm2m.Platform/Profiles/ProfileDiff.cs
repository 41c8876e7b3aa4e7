using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Profiles;

/// <summary>
/// What a profile change means for a session of one of its devices: observations to cancel and to
/// start, resources newly mapped (to read), notification attributes to write or remove.
/// </summary>
/// <remarks>
/// A change of <see cref="Lwm2mTransportConfiguration.ObserveStrategy"/> cancels everything and
/// observes anew (the guide: "always execute a Cancel All Observations Operation before applying the
/// new observe strategy"): <see cref="CancelAllObservations"/> is then true,
/// <see cref="ObservationsToCancel"/> lists every path observed before and
/// <see cref="ObservationsToAdd"/> every path observed now. Otherwise the two lists hold only the
/// difference. Paths carry the object version, so a version change in the profile cancels and
/// observes anew too.
/// </remarks>
public sealed record ProfileDiff
{
    /// <summary>Whether the observe strategy changed.</summary>
    public required bool ObserveStrategyChanged { get; init; }

    /// <summary>Whether the session must cancel all observations before observing <see cref="ObservationsToAdd"/>.</summary>
    public bool CancelAllObservations => ObserveStrategyChanged;

    /// <summary>Observed paths to cancel, in path order.</summary>
    public required IReadOnlyList<Lwm2mPath> ObservationsToCancel { get; init; }

    /// <summary>Paths to observe (with the new strategy), in path order.</summary>
    public required IReadOnlyList<Lwm2mPath> ObservationsToAdd { get; init; }

    /// <summary>Resources now mapped to an attribute or telemetry key that were not before: read them once.</summary>
    public required IReadOnlyList<Lwm2mPath> PathsToRead { get; init; }

    /// <summary>Notification attributes added or changed, to write.</summary>
    public required IReadOnlyDictionary<Lwm2mPath, NotificationAttributes> AttributesToWrite { get; init; }

    /// <summary>Paths whose notification attributes were removed from the profile.</summary>
    public required IReadOnlyList<Lwm2mPath> AttributesToRemove { get; init; }

    /// <summary>Whether a session has anything to do.</summary>
    public bool HasSessionChanges => ObserveStrategyChanged || ObservationsToCancel.Count > 0 || ObservationsToAdd.Count > 0
        || PathsToRead.Count > 0 || AttributesToWrite.Count > 0 || AttributesToRemove.Count > 0;

    /// <summary>The diff from <paramref name="oldProfile"/> to <paramref name="newProfile"/>.</summary>
    public static ProfileDiff Compute(DeviceProfile oldProfile, DeviceProfile newProfile)
    {
        ArgumentNullException.ThrowIfNull(oldProfile);
        ArgumentNullException.ThrowIfNull(newProfile);
        return Compute(oldProfile.Transport, newProfile.Transport);
    }

    /// <summary>The diff from <paramref name="oldConfiguration"/> to <paramref name="newConfiguration"/>.</summary>
    public static ProfileDiff Compute(Lwm2mTransportConfiguration oldConfiguration, Lwm2mTransportConfiguration newConfiguration)
    {
        ArgumentNullException.ThrowIfNull(oldConfiguration);
        ArgumentNullException.ThrowIfNull(newConfiguration);
        bool strategyChanged = oldConfiguration.ObserveStrategy != newConfiguration.ObserveStrategy;
        var oldObserved = new SortedSet<Lwm2mPath>(oldConfiguration.ObservedPaths());
        var newObserved = new SortedSet<Lwm2mPath>(newConfiguration.ObservedPaths());
        Lwm2mPath[] cancel = strategyChanged ? [.. oldObserved] : [.. oldObserved.Except(newObserved)];
        Lwm2mPath[] add = strategyChanged ? [.. newObserved] : [.. newObserved.Except(oldObserved)];

        var oldMapped = oldConfiguration.EnumerateResources()
            .Where(static r => r.Resource.Attribute || r.Resource.Telemetry).Select(static r => r.Path).ToHashSet();
        Lwm2mPath[] read = [.. newConfiguration.EnumerateResources()
            .Where(r => (r.Resource.Attribute || r.Resource.Telemetry) && !oldMapped.Contains(r.Path))
            .Select(static r => r.Path)
            .Order()];

        var write = new SortedDictionary<Lwm2mPath, NotificationAttributes>();
        foreach ((Lwm2mPath path, NotificationAttributes attributes) in newConfiguration.NotificationAttributes)
        {
            if (!oldConfiguration.NotificationAttributes.TryGetValue(path, out NotificationAttributes? before)
                || !before.ToQueries().SequenceEqual(attributes.ToQueries()))
            {
                write[path] = attributes;
            }
        }

        Lwm2mPath[] remove = [.. oldConfiguration.NotificationAttributes.Keys
            .Where(p => !newConfiguration.NotificationAttributes.ContainsKey(p))
            .Order()];

        return new ProfileDiff
        {
            ObserveStrategyChanged = strategyChanged,
            ObservationsToCancel = cancel,
            ObservationsToAdd = add,
            PathsToRead = read,
            AttributesToWrite = write,
            AttributesToRemove = remove,
        };
    }
}
