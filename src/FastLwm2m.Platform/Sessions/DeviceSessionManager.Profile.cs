using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Sessions.Internal;

namespace FastLwm2m.Platform.Sessions;

public sealed partial class DeviceSessionManager
{
    private void OnProfileChanged(object? sender, ProfileChangedEventArgs e)
    {
        foreach (DeviceSession session in _byEndpoint.Values)
        {
            if (session.Mapping.Profile.Id != e.NewProfile.Id || session.Mapping.Profile.Tenant != e.NewProfile.Tenant || session.Closed)
            {
                continue;
            }

            // Values map to the new keys at once; the device's operations wait while it sleeps.
            session.Mapping = MappingOf(e.NewProfile);
            if (_server.IsAwake(session.Registration))
            {
                Run(session.Endpoint, () => ApplyProfileChangeAsync(session));
            }
            else
            {
                _log.Append(session.Endpoint, $"Profile '{e.NewProfile.Name}' changed: the device is asleep (queue mode): applying it at its next Update");
            }
        }
    }

    /// <summary>
    /// Applies the difference between the profile the device has had (<see cref="DeviceSession.AppliedProfile"/>)
    /// and the latest one: at once for an awake session, at the next Update for a sleeping queue-mode one
    /// (several changes meanwhile are applied as one). A strategy change, or any change of observed paths
    /// under a composite strategy, cancels all observations and observes anew; otherwise only the difference.
    /// </summary>
    private async Task ApplyProfileChangeAsync(DeviceSession session)
    {
        DeviceProfile? applied = null;
        await session.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (session.Closed || !session.HasPendingProfile)
            {
                return;
            }

            DeviceProfile oldProfile = session.AppliedProfile;
            DeviceProfile newProfile = session.Mapping.Profile;
            ProfileDiff diff = ProfileDiff.Compute(oldProfile, newProfile);
            Registration registration = session.Registration;
            Lwm2mTransportConfiguration transport = newProfile.Transport;
            var counter = new OperationCounter();
            _log.Append(session.Endpoint, $"Profile '{newProfile.Name}' changed: applying it");

            bool accepted(Lwm2mPath p) => p.ObjectVersion is not { } v || registration.GetObjectVersion(p.ObjectId) == v;

            foreach ((Lwm2mPath path, NotificationAttributes attributes) in diff.AttributesToWrite)
            {
                if (accepted(path))
                {
                    await WriteAttributesAsync(session, registration, path, attributes, counter).ConfigureAwait(false);
                }
            }

            foreach (Lwm2mPath path in diff.AttributesToRemove)
            {
                if (accepted(path) && oldProfile.Transport.NotificationAttributes.TryGetValue(path, out NotificationAttributes? old))
                {
                    var unset = new NotificationAttributes { Unset = [.. old.ToQueries().Select(static q => q.Split('=')[0])] };
                    await WriteAttributesAsync(session, registration, path, unset, counter).ConfigureAwait(false);
                }
            }

            await ReadAsync(session, registration, [.. diff.PathsToRead.Where(accepted)], transport.ReadByObject, counter).ConfigureAwait(false);

            bool observedChanged = diff.ObservationsToAdd.Count > 0 || diff.ObservationsToCancel.Count > 0;
            if (diff.CancelAllObservations || (observedChanged && transport.ObserveStrategy != ObserveStrategy.Single))
            {
                // The guide: cancel all observations before applying the new observe strategy.
                int cancelled = _server.CancelObservations(registration.Id);
                _log.Append(session.Endpoint, $"Cancel all observations: {cancelled} cancelled");
                await ObserveAsync(session, registration, [.. transport.ObservedPaths().Where(accepted)], transport.ObserveStrategy, counter).ConfigureAwait(false);
            }
            else if (observedChanged)
            {
                var cancel = diff.ObservationsToCancel.Select(static p => p.WithoutVersion).ToHashSet();
                await CancelObservationsAsync(registration, cancel.Contains).ConfigureAwait(false);
                await ObserveAsync(session, registration, [.. diff.ObservationsToAdd.Where(accepted)], ObserveStrategy.Single, counter).ConfigureAwait(false);
            }

            session.AppliedProfile = newProfile;
            applied = newProfile;
            _log.Append(session.Endpoint, $"Profile change applied: {counter.Succeeded} operation(s) succeeded, {counter.Failed} failed");
        }
        finally
        {
            session.Gate.Release();
        }

        if (applied is not null)
        {
            ProfileApplied?.Invoke(session.Endpoint);
        }
    }
}
