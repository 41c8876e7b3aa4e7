using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Sessions.Internal;

namespace FastLwm2m.Platform.Sessions;

public sealed partial class DeviceSessionManager
{
    /// <summary>
    /// The profile's initialization for <paramref name="objects"/> (all when null): objects whose
    /// profile version differs from the registered one are rejected and logged; then
    /// Write-Attributes, Reads (unless initialized by Observe), Observes per strategy. A failed
    /// operation is logged and the rest goes on.
    /// </summary>
    private async Task InitializeAsync(DeviceSession session, Registration registration, IReadOnlySet<int>? objects)
    {
        await session.Gate.WaitAsync().ConfigureAwait(false);
        var counter = new OperationCounter();
        var rejected = new List<int>();
        try
        {
            if (session.Closed)
            {
                return;
            }

            DeviceProfile profile = session.Mapping.Profile;
            Lwm2mTransportConfiguration transport = profile.Transport;
            if (objects is null)
            {
                session.AppliedProfile = profile; // a full initialization applies the latest profile
            }

            var accepted = new List<ProfileObject>();
            foreach (ProfileObject obj in transport.Objects)
            {
                if (objects is not null && !objects.Contains(obj.ObjectId))
                {
                    continue;
                }

                if (AcceptObject(session.Endpoint, registration, obj.ObjectId, obj.Version))
                {
                    accepted.Add(obj);
                }
                else
                {
                    rejected.Add(obj.ObjectId);
                }
            }

            if (objects is not null)
            {
                // Objects re-initialized: their old observations go first.
                await CancelObservationsAsync(registration, p => objects.Contains(p.ObjectId)).ConfigureAwait(false);
            }

            var acceptedIds = accepted.Select(static o => o.ObjectId).ToHashSet();
            foreach ((Lwm2mPath path, var attributes) in transport.NotificationAttributes.OrderBy(static a => a.Key))
            {
                if (acceptedIds.Contains(path.ObjectId))
                {
                    await WriteAttributesAsync(session, registration, path, attributes, counter).ConfigureAwait(false);
                }
            }

            var resources = accepted.SelectMany(static o => o.Resources.Select(r => (Path: r.PathIn(o), Resource: r))).ToList();
            Lwm2mPath[] toRead = [.. resources
                .Where(r => (r.Resource.Attribute || r.Resource.Telemetry) && !(transport.InitializeWithObserve && r.Resource.Observe))
                .Select(static r => r.Path)];
            await ReadAsync(session, registration, toRead, transport.ReadByObject, counter).ConfigureAwait(false);

            Lwm2mPath[] toObserve = [.. resources.Where(static r => r.Resource.Observe).Select(static r => r.Path)];
            await ObserveAsync(session, registration, toObserve, transport.ObserveStrategy, counter).ConfigureAwait(false);

            _log.Append(session.Endpoint, $"Initialization done: {counter.Succeeded} operation(s) succeeded, {counter.Failed} failed{(rejected.Count == 0 ? "" : $", object(s) {string.Join(", ", rejected)} rejected")}");
        }
        finally
        {
            session.Gate.Release();
        }

        Initialized?.Invoke(this, new SessionInitializedEventArgs(session.Endpoint, registration.Id, counter.Succeeded, counter.Failed, rejected));
    }

    /// <summary>Whether the client registered the object in the profile's version; logs why not.</summary>
    private bool AcceptObject(string endpoint, Registration registration, int objectId, ObjectVersion profileVersion)
    {
        ObjectVersion? registered = registration.GetObjectVersion(objectId);
        if (registered is null)
        {
            _log.Append(endpoint, $"Object {objectId}: not registered by the client: initialization operations skipped");
            return false;
        }

        if (registered.Value != profileVersion)
        {
            _log.Append(endpoint, $"Object {objectId}: profile version {profileVersion} differs from registered version {registered.Value}: initialization operations rejected");
            return false;
        }

        return true;
    }

    private async Task WriteAttributesAsync(DeviceSession session, Registration registration, Lwm2mPath path, NotificationAttributes attributes, OperationCounter counter)
    {
        Lwm2mResponse response = await _server.WriteAttributesAsync(registration, path.WithoutVersion, attributes).ConfigureAwait(false);
        Report(session, $"WriteAttributes {path}?{string.Join("&", attributes.ToQueries())}", response, counter);
    }

    private async Task ReadAsync(DeviceSession session, Registration registration, IReadOnlyList<Lwm2mPath> paths, bool byObject, OperationCounter counter)
    {
        if (paths.Count == 0)
        {
            return;
        }

        if (!byObject)
        {
            foreach (Lwm2mPath path in paths)
            {
                await ReadOneAsync(session, registration, path, counter).ConfigureAwait(false);
            }

            return;
        }

        if (registration.Version >= Lwm2mVersion.V1_1)
        {
            Lwm2mResponse response = await _server.ReadCompositeAsync(registration, [.. paths.Select(static p => p.WithoutVersion)]).ConfigureAwait(false);
            Report(session, $"Read-Composite {string.Join(",", paths)}", response, counter);
            if (response.IsSuccess && response.CompositeContent is { } composite)
            {
                long now = Now;
                var values = new List<NodeValue>();
                foreach ((Lwm2mPath path, Lwm2mNode? node) in composite)
                {
                    NodeValues.Collect(path, node, now, values);
                }

                Submit(session, values, acknowledgement: null);
            }

            return;
        }

        // An LwM2M 1.0 client: one Read per object instance.
        foreach (var instance in paths.GroupBy(static p => Lwm2mPath.Instance(p.ObjectId, p.InstanceId).WithVersion(p.ObjectVersion)))
        {
            await ReadOneAsync(session, registration, instance.Key, counter).ConfigureAwait(false);
        }
    }

    private async Task ReadOneAsync(DeviceSession session, Registration registration, Lwm2mPath path, OperationCounter counter)
    {
        Lwm2mResponse response = await _server.ReadAsync(registration, path.WithoutVersion).ConfigureAwait(false);
        Report(session, $"Read {path}", response, counter);
        SubmitContent(session, path, response);
    }

    private async Task ObserveAsync(DeviceSession session, Registration registration, IReadOnlyList<Lwm2mPath> paths, ObserveStrategy strategy, OperationCounter counter)
    {
        if (paths.Count == 0)
        {
            return;
        }

        if (strategy != ObserveStrategy.Single && registration.Version == Lwm2mVersion.V1_0)
        {
            _log.Append(session.Endpoint, $"Observe strategy {strategy}: the client speaks LwM2M 1.0 (no Observe-Composite): observing each resource instead");
            strategy = ObserveStrategy.Single;
        }

        switch (strategy)
        {
            case ObserveStrategy.CompositeAll:
                await ObserveCompositeAsync(session, registration, paths, counter).ConfigureAwait(false);
                break;
            case ObserveStrategy.CompositeByObject:
                foreach (var group in paths.GroupBy(static p => p.ObjectId))
                {
                    await ObserveCompositeAsync(session, registration, [.. group], counter).ConfigureAwait(false);
                }

                break;
            default:
                foreach (Lwm2mPath path in paths)
                {
                    Lwm2mResponse response = await _server.ObserveAsync(registration, path.WithoutVersion).ConfigureAwait(false);
                    Report(session, $"Observe {path}", response, counter);
                    SubmitContent(session, path, response);
                }

                break;
        }
    }

    private async Task ObserveCompositeAsync(DeviceSession session, Registration registration, IReadOnlyList<Lwm2mPath> paths, OperationCounter counter)
    {
        Lwm2mResponse response = await _server.ObserveCompositeAsync(registration, [.. paths.Select(static p => p.WithoutVersion)]).ConfigureAwait(false);
        Report(session, $"Observe-Composite {string.Join(",", paths)}", response, counter);
        if (response.IsSuccess && response.CompositeContent is { } composite)
        {
            long now = Now;
            var values = new List<NodeValue>();
            foreach ((Lwm2mPath path, Lwm2mNode? node) in composite)
            {
                NodeValues.Collect(path, node, now, values);
            }

            Submit(session, values, acknowledgement: null);
        }
    }

    /// <summary>Passively cancels the registration's observations that touch a matching path.</summary>
    private async Task CancelObservationsAsync(Registration registration, Func<Lwm2mPath, bool> match)
    {
        foreach (Lwm2mObservation observation in _server.GetObservations(registration.Id))
        {
            if (observation.Paths.Any(match))
            {
                await _server.CancelObservationAsync(observation, active: false).ConfigureAwait(false);
            }
        }
    }

    private void SubmitContent(DeviceSession session, Lwm2mPath path, Lwm2mResponse response)
    {
        if (response.IsSuccess && response.Content is { } content)
        {
            var values = new List<NodeValue>();
            NodeValues.Collect(path, content, Now, values);
            Submit(session, values, acknowledgement: null);
        }
    }

    /// <summary>"Read /3_1.2/0/9: CONTENT", or the failure with its reason.</summary>
    private void Report(DeviceSession session, string operation, Lwm2mResponse response, OperationCounter counter)
    {
        if (response.IsSuccess)
        {
            counter.Succeeded++;
        }
        else
        {
            counter.Failed++;
        }

        _log.Append(session.Endpoint, $"{operation}: {response}");
    }

    private sealed class OperationCounter
    {
        public int Succeeded;
        public int Failed;
    }
}
