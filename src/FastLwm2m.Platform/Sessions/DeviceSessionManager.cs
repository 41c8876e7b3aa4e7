using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Codecs;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Sessions.Internal;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Platform.TransportLog;

namespace FastLwm2m.Platform.Sessions;

/// <summary>
/// The platform side of registrations (DESIGN.md "data flow"): on Register, resolves the device and
/// its profile and runs the profile's initialization (Write-Attributes, Reads, Observes per the
/// observe strategy) for every object whose profile version matches the registered one; maps
/// notifications, Sends and read results to the profile's attribute keys
/// (<see cref="IAttributeStore"/>) and telemetry keys (<see cref="TelemetryPipeline"/>); applies
/// profile changes to live sessions; writes what happens to the <see cref="ITransportLog"/>.
/// </summary>
/// <remarks>
/// Nothing here blocks the receive loop: registration events start the session's work with
/// <see cref="Task.Run(Func{Task})"/>, initialization awaits the server's operations (no thread
/// waits for a device), and the notification and Send handlers only offer to the bounded pipeline.
/// A session's operations run one after the other (an async gate per session). Devices are named
/// by endpoint in the stores and the log.
/// </remarks>
public sealed partial class DeviceSessionManager : IAsyncDisposable
{
    private readonly Lwm2mServer _server;
    private readonly DeviceService _devices;
    private readonly ProfileService _profiles;
    private readonly TelemetryPipeline _telemetry;
    private readonly IAttributeStore _attributes;
    private readonly ITransportLog _log;
    private readonly TimeProvider _time;
    private readonly Func<Lwm2mNotification, bool>? _previousNotificationHandler;
    private readonly Func<Registration, IReadOnlyList<TimestampedNode>, bool>? _previousSendHandler;
    private readonly ConcurrentDictionary<string, DeviceSession> _byEndpoint = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeviceSession> _byRegistration = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly ConditionalWeakTable<DeviceProfile, SessionMapping> _mappings = new();

    /// <summary>Creates the manager and hooks the server's registration, notification and Send events.</summary>
    public DeviceSessionManager(Lwm2mServer server, DeviceService devices, ProfileService profiles, TelemetryPipeline telemetry, IAttributeStore attributes, ITransportLog transportLog, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(transportLog);
        _server = server;
        _devices = devices;
        _profiles = profiles;
        _telemetry = telemetry;
        _attributes = attributes;
        _log = transportLog;
        _time = timeProvider ?? TimeProvider.System;
        _previousNotificationHandler = server.NotificationHandler;
        _previousSendHandler = server.SendHandler;
        server.NotificationHandler = OnNotification;
        server.SendHandler = OnSend;
        server.Registrations.Registered += OnRegistered;
        server.Registrations.Updated += OnUpdated;
        server.Registrations.Deregistered += OnDeregistered;
        profiles.ProfileChanged += OnProfileChanged;
    }

    /// <summary>A registration's initialization finished (raised on a pool thread).</summary>
    public event EventHandler<SessionInitializedEventArgs>? Initialized;

    /// <summary>A profile change was applied to a session (raised on a pool thread with the endpoint).</summary>
    public event Action<string>? ProfileApplied;

    /// <summary>The endpoints with a live session.</summary>
    public IReadOnlyCollection<string> Endpoints => _byEndpoint.Keys.ToArray();

    /// <summary>Whether the endpoint has a live session.</summary>
    public bool HasSession(string endpoint) => _byEndpoint.ContainsKey(endpoint);

    /// <summary>Unhooks the server and profile events and waits for running session work.</summary>
    public async ValueTask DisposeAsync()
    {
        _server.Registrations.Registered -= OnRegistered;
        _server.Registrations.Updated -= OnUpdated;
        _server.Registrations.Deregistered -= OnDeregistered;
        _profiles.ProfileChanged -= OnProfileChanged;
        _server.NotificationHandler = _previousNotificationHandler;
        _server.SendHandler = _previousSendHandler;
        foreach (DeviceSession session in _byEndpoint.Values)
        {
            session.Closed = true;
        }

        try
        {
            await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each task logs its own failure; disposal only waits.
        }
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>One mapping per profile instance, shared by its sessions (the profile service hands out cached instances).</summary>
    private SessionMapping MappingOf(DeviceProfile profile) => _mappings.GetValue(profile, static p => new SessionMapping(p));

    /// <summary>Starts session work off the receive loop and tracks it for disposal.</summary>
    private void Run(string endpoint, Func<Task> work)
    {
        Task task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _log.Append(endpoint, $"Session error: {e.GetType().Name}: {e.Message}");
            }
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private void OnRegistered(Registration registration, Registration? replaced)
    {
        _log.Append(registration.Endpoint, registration.RegisteredLogLine());
        Run(registration.Endpoint, () => StartSessionAsync(registration));
    }

    private void OnUpdated(Registration previous, Registration current)
    {
        if (!_byEndpoint.TryGetValue(current.Endpoint, out DeviceSession? session))
        {
            return;
        }

        session.Registration = current;
        _byRegistration[current.Id] = session;
        bool pendingProfile = session.HasPendingProfile;
        int[] changed = ChangedObjects(previous, current);
        if (changed.Length > 0)
        {
            _log.Append(current.Endpoint, $"Client updated registration [{current.Id}]: objects {string.Join(", ", changed)} changed, SupportedObjectIdVer [{current.SupportedObjectIdVerText()}]");
        }

        if (!pendingProfile && changed.Length == 0)
        {
            return;
        }

        ScheduleAfterUpdate(session, current, pendingProfile, changed);
    }

    // Separate from OnUpdated so that the closure is allocated only when there is work, not on every Update.
    private void ScheduleAfterUpdate(DeviceSession session, Registration current, bool pendingProfile, int[] changed) =>
        Run(current.Endpoint, () => AfterUpdateAsync(session, current, pendingProfile, changed));

    /// <summary>A pending profile change first (made while the device slept), then the re-initialization of changed objects.</summary>
    private async Task AfterUpdateAsync(DeviceSession session, Registration current, bool pendingProfile, int[] changed)
    {
        if (pendingProfile)
        {
            await ApplyProfileChangeAsync(session).ConfigureAwait(false);
        }

        if (changed.Length > 0)
        {
            await InitializeAsync(session, current, changed.ToHashSet()).ConfigureAwait(false);
        }
    }

    private void OnDeregistered(Registration registration, DeregistrationReason reason)
    {
        if (!_byRegistration.TryRemove(registration.Id, out DeviceSession? session))
        {
            return;
        }

        session.Closed = true;
        _byEndpoint.TryRemove(new KeyValuePair<string, DeviceSession>(registration.Endpoint, session));
        _log.Append(registration.Endpoint, $"Client deregistered [{registration.Id}]: {reason}");
    }

    private async Task StartSessionAsync(Registration registration)
    {
        string endpoint = registration.Endpoint;
        DeviceInfo? device = _devices.FindByEndpoint(endpoint);
        if (device is null)
        {
            _log.Append(endpoint, "No device for this endpoint: no initialization");
            return;
        }

        DeviceProfile? profile = await _profiles.GetAsync(device.Tenant, device.ProfileId).ConfigureAwait(false);
        if (profile is null)
        {
            _log.Append(endpoint, $"Device profile {device.ProfileId} not found: no initialization");
            return;
        }

        if (_server.Registrations.Store.GetById(registration.Id) is null)
        {
            return; // gone meanwhile
        }

        var session = new DeviceSession(device, registration, profile, MappingOf(profile));
        if (_byEndpoint.TryGetValue(endpoint, out DeviceSession? old))
        {
            old.Closed = true;
            _byRegistration.TryRemove(old.Registration.Id, out _);
        }

        _byEndpoint[endpoint] = session;
        _byRegistration[registration.Id] = session;

        // A profile change between the read above and the session's insertion did not reach it: read again.
        if (await _profiles.GetAsync(device.Tenant, device.ProfileId).ConfigureAwait(false) is { } latest && !ReferenceEquals(latest, profile))
        {
            session.Mapping = MappingOf(latest);
        }

        await InitializeAsync(session, registration, objects: null).ConfigureAwait(false);
    }

    /// <summary>Objects whose registered version or instances differ between two registrations.</summary>
    private static int[] ChangedObjects(Registration previous, Registration current)
    {
        if (ReferenceEquals(previous, current) || previous.HasSameObjects(current))
        {
            return []; // the common Update: lifetime only, nothing allocated
        }

        var before = previous.SupportedObjects.ToDictionary(static o => o.ObjectId, static o => o.Version);
        var after = current.SupportedObjects.ToDictionary(static o => o.ObjectId, static o => o.Version);
        var changed = new SortedSet<int>();
        foreach (int id in before.Keys.Union(after.Keys))
        {
            if (!before.TryGetValue(id, out ObjectVersion b) || !after.TryGetValue(id, out ObjectVersion a) || a != b)
            {
                changed.Add(id);
            }
        }

        var instancesBefore = previous.ObjectInstances.ToHashSet();
        var instancesAfter = current.ObjectInstances.ToHashSet();
        foreach ((int objectId, _) in instancesBefore.Except(instancesAfter).Concat(instancesAfter.Except(instancesBefore)))
        {
            changed.Add(objectId);
        }

        return [.. changed];
    }

    private bool OnNotification(Lwm2mNotification notification)
    {
        if (!_byRegistration.TryGetValue(notification.Observation.RegistrationId, out DeviceSession? session) || session.Closed)
        {
            if (_previousNotificationHandler is { } previous)
            {
                return previous(notification);
            }

            notification.Acknowledgement?.Acknowledge();
            return true;
        }

        if (!notification.Code.IsSuccess())
        {
            _log.Append(session.Endpoint, $"{ObservationName(notification.Observation)}: {notification.Code.ToName()}{(notification.ErrorMessage is null ? "" : $" ({notification.ErrorMessage})")}");
            notification.Acknowledgement?.Acknowledge();
            return true;
        }

        long now = Now;
        var values = new List<NodeValue>();
        if (notification.TimestampedContent is { } timed)
        {
            foreach (TimestampedNode node in timed)
            {
                NodeValues.Collect(node.Path, node.Node, node.Timestamp?.ToUnixTimeMilliseconds() ?? now, values);
            }
        }
        else if (notification.CompositeContent is { } composite)
        {
            foreach ((Lwm2mPath path, Lwm2mNode? node) in composite)
            {
                NodeValues.Collect(path, node, now, values);
            }
        }
        else if (notification.Content is { } content)
        {
            NodeValues.Collect(notification.Observation.Paths[0], content, now, values);
        }

        return Submit(session, values, notification.Acknowledgement);
    }

    private bool OnSend(Registration registration, IReadOnlyList<TimestampedNode> nodes)
    {
        if (!_byRegistration.TryGetValue(registration.Id, out DeviceSession? session) || session.Closed)
        {
            return _previousSendHandler?.Invoke(registration, nodes) ?? true;
        }

        long now = Now;
        var values = new List<NodeValue>();
        foreach (TimestampedNode node in nodes)
        {
            NodeValues.Collect(node.Path, node.Node, node.Timestamp?.ToUnixTimeMilliseconds() ?? now, values);
        }

        return Submit(session, values, acknowledgement: null);
    }

    /// <summary>
    /// Maps values to keys (a multiple resource's instances as one JSON object value): attributes to the store, telemetry to the pipeline with the ACK (acknowledged
    /// here when there is no telemetry). Unmapped paths are ignored. False when the pipeline is full.
    /// </summary>
    private bool Submit(DeviceSession session, List<NodeValue> values, CoapAcknowledgement? acknowledgement)
    {
        SessionMapping mapping = session.Mapping;
        List<AttributeValue>? attributes = null;
        List<TelemetryPoint>? points = null;
        string endpoint = session.Endpoint;
        foreach (NodeValue collected in values)
        {
            if (mapping.Find(collected.ResourcePath) is not { Key: { Length: > 0 } key } resource)
            {
                continue;
            }

            // A multiple resource is one key: the JSON object of its instances.
            long timestamp = collected.Timestamp;
            Lwm2mValue value = collected.Instances is { } instances ? session.MultiInstance.Replace(collected.Path, instances)
                : collected.Path.IsResourceInstance ? session.MultiInstance.Merge(collected.Path, collected.Value)
                : collected.Value;

            if (resource.Attribute)
            {
                (attributes ??= []).Add(new AttributeValue(key, value, timestamp));
            }

            if (resource.Telemetry)
            {
                (points ??= []).Add(new TelemetryPoint(endpoint, key, timestamp, value));
            }
        }

        if (attributes is not null)
        {
            ValueTask<IReadOnlyList<AttributeValue>> set = _attributes.SetAsync(endpoint, attributes);
            if (!set.IsCompletedSuccessfully)
            {
                _ = ObserveAttributeWrite(endpoint, set.AsTask());
            }
        }

        if (points is null)
        {
            acknowledgement?.Acknowledge();
            return true;
        }

        if (_telemetry.TryOffer(points, acknowledgement))
        {
            return true;
        }

        acknowledgement?.Reject();
        _log.Append(endpoint, $"Telemetry pipeline full: {points.Count} value(s) refused, the device will retry");
        return false;
    }

    private async Task ObserveAttributeWrite(string endpoint, Task write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.Append(endpoint, $"Attribute store error: {e.Message}");
        }
    }

    private static string ObservationName(Lwm2mObservation observation)
        => $"{(observation.IsComposite ? "Observe-Composite" : "Observe")} {string.Join(",", observation.Paths)}";
}
