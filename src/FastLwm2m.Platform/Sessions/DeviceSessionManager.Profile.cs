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
            if (session.Mapping.Profile.Id == e.NewProfile.Id && !session.Closed)
            {
                Run(session.Endpoint, () => ApplyProfileChangeAsync(session, e));
            }
        }
    }

    /// <summary>
    /// Applies a profile change to a live session at once (a sleeping client gets the requests when
    /// it wakes: the server queues them). A strategy change, or any change of observed paths under a
    /// composite strategy, cancels all observations and observes anew; otherwise only the difference.
    /// </summary>
    private async Task ApplyProfileChangeAsync(DeviceSession session, ProfileChangedEventArgs e)
    {
        await session.Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (session.Closed)
            {
                return;
            }

            ProfileDiff diff = e.Diff;
            Registration registration = session.Registration;
            Lwm2mTransportConfiguration transport = e.NewProfile.Transport;
            session.Mapping = new SessionMapping(e.NewProfile);
            var counter = new OperationCounter();
            _log.Append(session.Endpoint, $"Profile '{e.NewProfile.Name}' changed: applying it");

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
                if (accepted(path) && e.OldProfile.Transport.NotificationAttributes.TryGetValue(path, out NotificationAttributes? old))
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

            _log.Append(session.Endpoint, $"Profile change applied: {counter.Succeeded} operation(s) succeeded, {counter.Failed} failed");
        }
        finally
        {
            session.Gate.Release();
        }

        ProfileApplied?.Invoke(session.Endpoint);
    }
}
