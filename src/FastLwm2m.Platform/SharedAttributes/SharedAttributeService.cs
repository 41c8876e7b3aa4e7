using System.Text.Json;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Downlink;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Rpc;
using FastLwm2m.Platform.Rpc.Internal;
using FastLwm2m.Platform.TransportLog;

namespace FastLwm2m.Platform.SharedAttributes;

/// <summary>
/// Shared attribute updates to devices: a key of the device's profile that maps to a writable
/// resource (per the object model) becomes an LwM2M Write (Replace) of the JSON value, typed by
/// the resource model. Sent now when the device is reachable, else queued in the
/// <see cref="DownlinkQueue"/> and written when the queue-mode client wakes up. The result goes to
/// the <see cref="ITransportLog"/>. Never throws for a bad key or value: those are results
/// (BAD_REQUEST naming the reason). Thread-safe.
/// </summary>
public sealed class SharedAttributeService
{
    private static readonly ObjectModelRepository CoreModels = ObjectModelRepository.CreateWithCoreModels();

    private readonly Lwm2mServer _server;
    private readonly Func<string, CancellationToken, Task<DeviceProfile?>> _profileOf;
    private readonly ITransportLog _log;
    private readonly DownlinkQueue? _queue;
    private readonly Func<Registration, IObjectModelProvider> _models;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    /// <param name="server">The server that sends the Writes.</param>
    /// <param name="profileOf">The profile of a device by endpoint (null: none); see <see cref="ProfileLookup"/>.</param>
    /// <param name="transportLog">Where results are written.</param>
    /// <param name="queue">Where writes to sleeping devices wait (null: they are refused); the queue delivers them through this service.</param>
    /// <param name="models">The models of a registration's objects (default: the core models in the registered versions).</param>
    /// <param name="timeProvider">The clock of queued requests.</param>
    public SharedAttributeService(
        Lwm2mServer server,
        Func<string, CancellationToken, Task<DeviceProfile?>> profileOf,
        ITransportLog transportLog,
        DownlinkQueue? queue = null,
        Func<Registration, IObjectModelProvider>? models = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(profileOf);
        ArgumentNullException.ThrowIfNull(transportLog);
        _server = server;
        _profileOf = profileOf;
        _log = transportLog;
        _queue = queue;
        _models = models ?? (r => CoreModels.ForVersions(r.GetObjectVersion));
        _time = timeProvider ?? TimeProvider.System;
        if (queue is not null)
        {
            queue.SharedAttributes = this;
        }
    }

    /// <summary>A profile lookup through the device registry: endpoint → device → its profile.</summary>
    public static Func<string, CancellationToken, Task<DeviceProfile?>> ProfileLookup(DeviceService devices, ProfileService profiles)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(profiles);
        return async (endpoint, cancellationToken) => devices.FindByEndpoint(endpoint) is { } device
            ? await profiles.GetAsync(device.Tenant, device.ProfileId, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// Writes shared attribute <paramref name="key"/> = <paramref name="valueJson"/> to the device:
    /// now (result CHANGED or the device's answer), or queued (<c>{"result":"QUEUED","value":"&lt;request id&gt;"}</c>)
    /// for a queue-mode device that is asleep or not registered at the moment.
    /// </summary>
    /// <param name="endpoint">The device's endpoint name.</param>
    /// <param name="key">The attribute key, as the profile names it.</param>
    /// <param name="valueJson">The value as JSON (<c>"+2"</c>, <c>42</c>, <c>true</c>).</param>
    /// <param name="timeToLive">How long a queued write waits (default: the queue's).</param>
    /// <param name="cancellationToken">Cancels the wait for the device.</param>
    public async Task<RpcResult> UpdateAsync(string endpoint, string key, string valueJson, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(valueJson);
        var registration = _server.Registrations.Store.GetByEndpoint(endpoint);
        var resolved = await ResolveAsync(endpoint, registration, key, valueJson, cancellationToken).ConfigureAwait(false);
        if (resolved.Error is { } error)
        {
            _log.Append(endpoint, $"Shared attribute {key} = {valueJson} refused: {error.Error}");
            return error;
        }

        if (registration is null || (_queue is not null && await _queue.MustQueueAsync(registration, cancellationToken).ConfigureAwait(false)))
        {
            if (_queue is null)
            {
                var refused = RpcResult.Failure("NOT_FOUND", $"Device {endpoint} is not registered");
                _log.Append(endpoint, $"Shared attribute {key} = {valueJson} refused: {refused.Error}");
                return refused;
            }

            var request = DownlinkRequest.SharedAttributeWrite(endpoint, key, valueJson, _time.GetUtcNow(), timeToLive ?? _queue.DefaultTimeToLive);
            var queued = await _queue.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
            return DownlinkQueue.Queued(queued);
        }

        return await WriteAsync(registration, key, resolved.Path, resolved.Node!, valueJson, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes now (the queue's delivery of a queued write); logs the result.</summary>
    internal async Task<RpcResult> WriteNowAsync(Registration registration, string key, string valueJson, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(registration.Endpoint, registration, key, valueJson, cancellationToken).ConfigureAwait(false);
        if (resolved.Error is { } error)
        {
            _log.Append(registration.Endpoint, $"Shared attribute {key} = {valueJson} refused: {error.Error}");
            return error;
        }

        return await WriteAsync(registration, key, resolved.Path, resolved.Node!, valueJson, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RpcResult> WriteAsync(Registration registration, string key, Lwm2mPath path, Lwm2mNode node, string valueJson, CancellationToken cancellationToken)
    {
        var response = await _server.WriteAsync(registration, path, node, replace: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = RpcService.WithoutContent(response);
        _log.Append(registration.Endpoint, $"Shared attribute {key} = {valueJson} -> Write {path}: {result.ToJson()}");
        return result;
    }

    private async Task<Resolved> ResolveAsync(string endpoint, Registration? registration, string key, string valueJson, CancellationToken cancellationToken)
    {
        var profile = await _profileOf(endpoint, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return new(default, null, RpcResult.Failure("NOT_FOUND", $"Device {endpoint} has no device profile"));
        }

        Lwm2mPath? found = null;
        foreach ((Lwm2mPath path, ProfileResource resource) in profile.Transport.EnumerateResources())
        {
            if (string.Equals(resource.Key, key, StringComparison.Ordinal))
            {
                found = path;
                break;
            }
        }

        if (found is not { } target)
        {
            return new(default, null, RpcResult.Failure("BAD_REQUEST", $"Key \"{key}\" is not mapped in profile \"{profile.Name}\""));
        }

        // A registered client's versions win; else the version the profile names.
        IObjectModelProvider models = registration is not null
            ? _models(registration)
            : CoreModels.ForVersions(id => id == target.ObjectId ? target.ObjectVersion : null);
        var resourceModel = models.GetObjectModel(target.ObjectId)?.GetResource(target.ResourceId);
        if (resourceModel is null)
        {
            return new(target, null, RpcResult.Failure("BAD_REQUEST", $"Key \"{key}\": no model for {target}"));
        }

        if ((resourceModel.Operations & ResourceOperations.Write) == 0)
        {
            return new(target, null, RpcResult.Failure("BAD_REQUEST", $"Key \"{key}\": resource {target} ({resourceModel.Name}) is not writable"));
        }

        try
        {
            using var document = JsonDocument.Parse(valueJson);
            return new(target, RpcValueConverter.ToNode(target, document.RootElement, models, "value"), null);
        }
        catch (JsonException e)
        {
            return new(target, null, RpcResult.Failure("BAD_REQUEST", $"value: invalid JSON ({e.Message})"));
        }
        catch (RpcParamsException e)
        {
            return new(target, null, RpcResult.Failure("BAD_REQUEST", e.Message));
        }
    }

    private readonly record struct Resolved(Lwm2mPath Path, Lwm2mNode? Node, RpcResult? Error);
}
