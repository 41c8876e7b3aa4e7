using System.Collections.Concurrent;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Rpc;
using FastLwm2m.Platform.SharedAttributes;
using FastLwm2m.Platform.TransportLog;

namespace FastLwm2m.Platform.Downlink;

/// <summary>
/// Requests for sleeping queue-mode devices (Transport §6.5), kept in an
/// <see cref="IDownlinkQueueStore"/> so they survive a restart: an RPC or a shared attribute
/// write to a device that is asleep is answered "QUEUED" with the request id, and delivered in
/// order, one at a time, when the device is next heard from (Register, Update or any message).
/// Requests whose TTL runs out are dropped. Queuing, delivery results and expiries go to the
/// <see cref="ITransportLog"/>; a caller told "QUEUED" looks the request up by its id
/// (<see cref="GetRequestStatusAsync"/>): still queued, delivered with the device's result, expired or cancelled.
/// </summary>
/// <remarks>
/// Nothing here blocks the receive loop: the wake-up events only schedule a device's delivery on
/// the thread pool. A device's deliveries run one after the other (a request is removed from the
/// store once its result is in, so a crash mid-delivery sends it again: at least once). Thread-safe.
/// </remarks>
public sealed class DownlinkQueue : IAsyncDisposable
{
    private readonly Lwm2mServer _server;
    private readonly IDownlinkQueueStore _store;
    private readonly RpcService _rpc;
    private readonly ITransportLog _log;
    private readonly TimeProvider _time;
    private readonly DownlinkQueueOptions _options;
    private readonly ConcurrentDictionary<string, DeliveryState> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    // Requests one party is completing right now: a delivery (for as long as the device takes to
    // answer), a cancel or an expiry (for one store write). Whoever claims an id first decides its
    // outcome, so a request being sent is never recorded as cancelled or expired.
    private readonly ConcurrentDictionary<Guid, byte> _claims = new();
    private bool _queuedEndpointsLoaded;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ITimer? _sweep;

    /// <summary>Creates the queue and hooks the server's wake-up events.</summary>
    /// <param name="server">The server that sends the requests.</param>
    /// <param name="store">Where the requests wait.</param>
    /// <param name="rpc">Runs queued RPCs.</param>
    /// <param name="transportLog">Where queuing, results and expiries are written.</param>
    /// <param name="options">TTL and sweep settings.</param>
    /// <param name="timeProvider">The clock of enqueue and expiry times.</param>
    public DownlinkQueue(Lwm2mServer server, IDownlinkQueueStore store, RpcService rpc, ITransportLog transportLog, DownlinkQueueOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(transportLog);
        _server = server;
        _store = store;
        _rpc = rpc;
        _log = transportLog;
        _options = options ?? new DownlinkQueueOptions();
        _time = timeProvider ?? TimeProvider.System;
        server.Registrations.Registered += OnRegistered;
        server.Registrations.Updated += OnUpdated;
        server.Coap.PeerActivity += OnPeerActivity;
        Track(LoadQueuedEndpointsAsync());
        if (_options.ExpiryScanInterval > TimeSpan.Zero)
        {
            _sweep = _time.CreateTimer(static s => ((DownlinkQueue)s!).Track(((DownlinkQueue)s!).SweepExpiredAsync()), this, _options.ExpiryScanInterval, _options.ExpiryScanInterval);
        }
    }

    /// <summary>How long a request waits when the caller gives no TTL.</summary>
    public TimeSpan DefaultTimeToLive => _options.DefaultTimeToLive;

    /// <summary>Delivers queued shared attribute writes (set by <see cref="SharedAttributeService"/> when it is given this queue).</summary>
    internal SharedAttributeService? SharedAttributes { get; set; }

    /// <summary>
    /// Runs an RPC now (request and result go to the transport log), or queues it when the device is a
    /// queue-mode client that is asleep (or has requests waiting, which go first): then the result is
    /// <c>{"result":"QUEUED","value":"&lt;request id&gt;"}</c>.
    /// </summary>
    public async Task<RpcResult> ExecuteAsync(Registration registration, string method, string? paramsJson, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentException.ThrowIfNullOrEmpty(method);
        // Methods answered from the server's own state (ObserveCancelAll, DiscoverAll...) never wait for the device.
        if (RpcService.RunsWithoutDevice(method) || !await MustQueueAsync(registration, cancellationToken).ConfigureAwait(false))
        {
            RpcResult result = await _rpc.ExecuteAsync(registration, method, paramsJson, cancellationToken).ConfigureAwait(false);
            _log.Append(registration.Endpoint, $"RPC {method}{(string.IsNullOrEmpty(paramsJson) ? "" : " " + paramsJson)} -> {Shorten(result.ToJson())}");
            return result;
        }

        var request = DownlinkRequest.Rpc(registration.Endpoint, method, paramsJson, _time.GetUtcNow(), timeToLive ?? _options.DefaultTimeToLive);
        var queued = await EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        return Queued(queued);
    }

    /// <summary>Whether a request to <paramref name="registration"/> must wait: a queue-mode client that is asleep, or one with requests already waiting.</summary>
    public async Task<bool> MustQueueAsync(Registration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (!registration.QueueMode)
        {
            return false;
        }

        return !_server.IsAwake(registration) || await _store.CountAsync(registration.Endpoint, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Queues <paramref name="request"/> (logged); delivery starts at once if the device is awake.</summary>
    /// <returns>The request as stored, with its sequence.</returns>
    public async Task<DownlinkRequest> EnqueueAsync(DownlinkRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stored = await _store.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        _log.Append(stored.Endpoint, $"Downlink queued [{stored.Id}]: {stored.Describe()}, expires {stored.ExpiresAt:O}");
        var state = _devices.GetOrAdd(stored.Endpoint, static _ => new DeliveryState());
        Volatile.Write(ref state.HasQueued, true);
        Interlocked.MemoryBarrier(); // the flag is visible before the awake check below reads the registration
        if (_server.Registrations.Store.GetByEndpoint(stored.Endpoint) is { } registration && _server.IsAwake(registration))
        {
            Schedule(stored.Endpoint);
        }

        return stored;
    }

    /// <summary>The requests waiting for a device, oldest first.</summary>
    public Task<IReadOnlyList<DownlinkRequest>> ListAsync(string endpoint, CancellationToken cancellationToken = default) => _store.ListAsync(endpoint, cancellationToken);

    /// <summary>A device's queue depth and how many of its requests expired.</summary>
    public async Task<DownlinkQueueStatus> GetStatusAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        int depth = await _store.CountAsync(endpoint, cancellationToken).ConfigureAwait(false);
        long expired = await _store.CountExpiredAsync(endpoint, cancellationToken).ConfigureAwait(false);
        return new DownlinkQueueStatus(depth, expired);
    }

    /// <summary>
    /// A request by the id answered with "QUEUED": still queued, or delivered (with the device's result),
    /// expired or cancelled; null when unknown or completed longer ago than <see cref="DownlinkQueueOptions.OutcomeRetention"/>.
    /// </summary>
    public async Task<DownlinkRequestStatus?> GetRequestStatusAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } queued)
        {
            return new DownlinkRequestStatus { Request = queued, State = DownlinkRequestState.Queued };
        }

        // Looked up after the queue: a request that leaves it between the two reads is found here.
        return await _store.GetOutcomeAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes a queued request before it is sent (e.g. cancelled by the user; logged, its outcome
    /// kept as Cancelled); returns it, or null if it is not queued or is being delivered right now.
    /// </summary>
    public async Task<DownlinkRequest?> CancelAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!_claims.TryAdd(id, 0))
        {
            return null; // being delivered (or expiring): too late to cancel
        }

        DownlinkRequest? removed;
        try
        {
            removed = await _store.CompleteAsync(id, DownlinkRequestState.Cancelled, null, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _claims.TryRemove(id, out _);
        }

        if (removed is not null)
        {
            _log.Append(removed.Endpoint, $"Downlink cancelled [{removed.Id}]: {removed.Describe()}");
        }

        return removed;
    }

    /// <summary>Whether the request is being sent to its device right now (then it can no longer be cancelled).</summary>
    public bool IsBeingDelivered(Guid id) => _claims.ContainsKey(id);

    /// <summary>
    /// Forgets everything queued for a device, with its outcomes and expired total (the device was
    /// deleted: a new device with the same endpoint starts with an empty queue and sees none of it).
    /// Returns how many waiting requests were dropped.
    /// </summary>
    public async Task<int> PurgeDeviceAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        // The device's "has requests" flag is left as it is: a stale true costs one empty peek, a
        // false could hide a request queued for a new device of the same endpoint meanwhile.
        return await _store.DeleteDeviceAsync(endpoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops (and logs) every request whose TTL ran out, and forgets outcomes older than the retention; returns the dropped requests.</summary>
    public async Task<IReadOnlyList<DownlinkRequest>> SweepExpiredAsync()
    {
        IReadOnlyList<DownlinkRequest> expired;
        try
        {
            DateTimeOffset now = _time.GetUtcNow();
            try
            {
                await _store.PruneOutcomesAsync(now - _options.OutcomeRetention, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Old outcomes stay a sweep longer; expiry below must still run.
            }

            expired = await _store.ListExpiredAsync(now, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return [];
        }

        var dropped = new List<DownlinkRequest>(expired.Count);
        foreach (var request in expired)
        {
            if (await DropExpiredAsync(request).ConfigureAwait(false))
            {
                dropped.Add(request);
            }
        }

        return dropped;
    }

    /// <summary>Unhooks the server events and waits for running deliveries (which are cancelled).</summary>
    public async ValueTask DisposeAsync()
    {
        _server.Registrations.Registered -= OnRegistered;
        _server.Registrations.Updated -= OnUpdated;
        _server.Coap.PeerActivity -= OnPeerActivity;
        if (_sweep is not null)
        {
            await _sweep.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Deliveries cut short by the stop: their requests stay queued.
        }

        _stopping.Dispose();
    }

    /// <summary>The "QUEUED" answer for a request.</summary>
    internal static RpcResult Queued(DownlinkRequest request) => new("QUEUED", request.Id.ToString());

    private void OnRegistered(Registration registration, Registration? replaced) => ScheduleIfQueued(registration.Endpoint);

    private void OnUpdated(Registration previous, Registration current) => ScheduleIfQueued(current.Endpoint);

    /// <summary>
    /// Receive loop (Register, Update): schedules a delivery only for a device known to have requests
    /// waiting, so the common Update costs no store query. Until the endpoints queued before a
    /// restart are loaded, every device is checked.
    /// </summary>
    private void ScheduleIfQueued(string endpoint)
    {
        if (!Volatile.Read(ref _queuedEndpointsLoaded)
            || (_devices.TryGetValue(endpoint, out var state) && Volatile.Read(ref state.HasQueued)))
        {
            Schedule(endpoint);
        }
    }

    private async Task LoadQueuedEndpointsAsync()
    {
        try
        {
            foreach (string endpoint in await _store.ListEndpointsAsync(_stopping.Token).ConfigureAwait(false))
            {
                var state = _devices.GetOrAdd(endpoint, static _ => new DeliveryState());
                Volatile.Write(ref state.HasQueued, true);
                if (_server.Registrations.Store.GetByEndpoint(endpoint) is { } registration && _server.IsAwake(registration))
                {
                    Schedule(endpoint); // registered again before the list was read
                }
            }

            Volatile.Write(ref _queuedEndpointsLoaded, true);
        }
        catch (Exception) when (!_stopping.IsCancellationRequested)
        {
            // The store cannot list them: keep checking every device on Register/Update (correct, slower).
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void OnPeerActivity(CoapPeerInfo peer)
    {
        // Receive loop: only schedule, and only for a device known to have requests waiting (as
        // Register and Update do, see ScheduleIfQueued).
        if (_devices.IsEmpty
            || _server.Registrations.Store.GetByAddress(peer.Address) is not { QueueMode: true } registration
            || !_devices.TryGetValue(registration.Endpoint, out var state)
            || !Volatile.Read(ref state.HasQueued))
        {
            return;
        }

        Schedule(registration.Endpoint);
    }

    private void Schedule(string endpoint)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        var state = _devices.GetOrAdd(endpoint, static _ => new DeliveryState());
        lock (state)
        {
            if (state.Running)
            {
                state.Again = true;
                return;
            }

            state.Running = true;
        }

        Track(Task.Run(() => RunDeliveriesAsync(endpoint, state)));
    }

    private void Track(Task task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunDeliveriesAsync(string endpoint, DeliveryState state)
    {
        while (true)
        {
            try
            {
                await DeliverAsync(endpoint, state).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.Append(endpoint, $"Downlink delivery failed: {e.Message}");
            }

            lock (state)
            {
                if (!state.Again || _stopping.IsCancellationRequested)
                {
                    state.Running = false;
                    return;
                }

                state.Again = false;
            }
        }
    }

    /// <summary>Sends the device's queued requests in order, one at a time, while it stays awake.</summary>
    private async Task DeliverAsync(string endpoint, DeliveryState state)
    {
        var cancellationToken = _stopping.Token;
        while (true)
        {
            // Cleared before the peek, set again when it finds a request: an enqueue that lands while the
            // store is read sets the flag after this clear, so it is never lost to a late "empty".
            Volatile.Write(ref state.HasQueued, false);
            Interlocked.MemoryBarrier();
            var next = await _store.PeekAsync(endpoint, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            Volatile.Write(ref state.HasQueued, true);
            if (!_claims.TryAdd(next.Id, 0))
            {
                // A cancel or an expiry is completing it (one store write): look again.
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                if (next.IsExpiredAt(_time.GetUtcNow()))
                {
                    await DropExpiredClaimedAsync(next).ConfigureAwait(false);
                    continue;
                }

                // Looked up each time: the device may have registered again, or gone.
                if (_server.Registrations.Store.GetByEndpoint(endpoint) is not { } registration || !_server.IsAwake(registration))
                {
                    return; // the next wake-up resumes here
                }

                if (await _store.GetAsync(next.Id, cancellationToken).ConfigureAwait(false) is null)
                {
                    continue; // completed between the peek and the claim
                }

                RpcResult result = next.Kind switch
                {
                    DownlinkRequestKind.Rpc => await _rpc.ExecuteAsync(registration, next.Name, next.Json, cancellationToken).ConfigureAwait(false),
                    DownlinkRequestKind.SharedAttributeWrite when SharedAttributes is { } attributes =>
                        await attributes.WriteNowAsync(registration, next.Name, next.Json ?? "null", cancellationToken).ConfigureAwait(false),
                    DownlinkRequestKind.SharedAttributeWrite => RpcResult.Failure("INTERNAL_SERVER_ERROR", "no shared attribute service to deliver the write"),
                    _ => RpcResult.Failure("BAD_REQUEST", $"unknown downlink request kind {next.Kind}"),
                };

                if (result.Result == "CANCELED" && cancellationToken.IsCancellationRequested)
                {
                    return; // stopping: it stays queued and goes out after the restart
                }

                string json = result.ToJson();
                if (await _store.CompleteAsync(next.Id, DownlinkRequestState.Delivered, json, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false) is null)
                {
                    // Removed behind the queue's back (the device was deleted meanwhile): the device did get it.
                    _log.Append(endpoint, $"Downlink delivered [{next.Id}] after it left the queue: {next.Describe()} -> {Shorten(json)}");
                    continue;
                }

                _log.Append(endpoint, $"Downlink delivered [{next.Id}]: {next.Describe()} -> {Shorten(json)}");
            }
            finally
            {
                _claims.TryRemove(next.Id, out _);
            }
        }
    }

    private async Task<bool> DropExpiredAsync(DownlinkRequest request)
    {
        if (!_claims.TryAdd(request.Id, 0))
        {
            return false; // being delivered (it was still valid when the delivery took it) or cancelled
        }

        try
        {
            return await DropExpiredClaimedAsync(request).ConfigureAwait(false);
        }
        finally
        {
            _claims.TryRemove(request.Id, out _);
        }
    }

    /// <summary>A transport-log line keeps at most 2,000 characters of a result (a whole-object Read can be long).</summary>
    private static string Shorten(string text) => text.Length <= 2_000 ? text : string.Concat(text.AsSpan(0, 2_000), "…");

    private async Task<bool> DropExpiredClaimedAsync(DownlinkRequest request)
    {
        if (await _store.CompleteAsync(request.Id, DownlinkRequestState.Expired, null, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false) is null)
        {
            return false; // delivered or dropped meanwhile
        }

        _log.Append(request.Endpoint, $"Downlink expired [{request.Id}]: {request.Describe()}, queued {request.EnqueuedAt:O}, TTL ran out {request.ExpiresAt:O}; dropped");
        return true;
    }

    private sealed class DeliveryState
    {
        public bool Running;
        public bool Again;
        public bool HasQueued;
    }
}
