using System.Collections.Concurrent;
using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// An LwM2M server on plain CoAP/UDP: the registration interface over a <see cref="CoapEndpoint"/>,
/// the registration store, and requests to devices that honour queue mode (a request to a
/// sleeping client waits until it is heard from, then goes out in order).
/// </summary>
public sealed partial class Lwm2mServer : IAsyncDisposable
{
    private readonly Lwm2mServerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, QueueState> _queues = new(StringComparer.Ordinal);

    /// <summary>Creates a server; <see cref="Start"/> binds it.</summary>
    /// <exception cref="ArgumentException">An invalid option (the message names it).</exception>
    public Lwm2mServer(Lwm2mServerOptions options, IRegistrationStore? store = null, ILogger? logger = null, TimeProvider? time = null, bool autoTick = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        Codecs = options.Codecs ?? FastLwm2m.Lwm2m.Codecs.Lwm2mCodecs.Default;
        Registrations = new RegistrationService(store ?? new InMemoryRegistrationStore(), options.Registration, _time, autoTick);
        Coap = new CoapEndpoint(options.Coap, new Lwm2mServerHandler(this, _logger));
        Registrations.Registered += OnRegistered;
        Registrations.Updated += OnUpdated;
        Registrations.Deregistered += OnDeregistered;
        Coap.PeerActivity += OnPeerActivity;
    }

    /// <summary>The options.</summary>
    public Lwm2mServerOptions Options => _options;

    /// <summary>The CoAP endpoint.</summary>
    public CoapEndpoint Coap { get; }

    /// <summary>The content formats the server speaks.</summary>
    public Codecs.Lwm2mCodecs Codecs { get; }

    /// <summary>The registration interface.</summary>
    public RegistrationService Registrations { get; }

    /// <summary>The bound CoAP address.</summary>
    public IPEndPoint LocalEndPoint => Coap.LocalEndPoint;

    /// <summary>Binds and starts receiving.</summary>
    public void Start() => Coap.Start();

    /// <summary>Stops receiving; pending requests end Cancelled.</summary>
    public async Task StopAsync()
    {
        await Coap.StopAsync().ConfigureAwait(false);
        Registrations.Dispose();
        foreach (var state in _queues.Values)
        {
            CancelQueued(state);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Sends a request to a registered client. For a queue-mode client that is asleep the request
    /// waits (up to MaxQueuedRequestsPerClient) until the client is heard from, then goes out in
    /// the order it was given.
    /// </summary>
    public Task<CoapResult> SendAsync(Registration registration, CoapMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WhenAwake(registration, () => Coap.SendAsync(request, registration.EndPoint, cancellationToken), cancellationToken);
    }

    /// <summary>Runs <paramref name="send"/> now, or when a sleeping queue-mode client wakes up.</summary>
    private Task<CoapResult> WhenAwake(Registration registration, Func<Task<CoapResult>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (!registration.QueueMode)
        {
            return send();
        }

        var state = _queues.GetOrAdd(registration.Endpoint, static _ => new QueueState());
        lock (state)
        {
            if (_time.GetTimestamp() < state.AwakeUntil && state.Pending.Count == 0)
            {
                return send();
            }

            if (state.Pending.Count >= _options.Registration.MaxQueuedRequestsPerClient)
            {
                return Task.FromResult(new CoapResult(CoapResultStatus.Rejected, null));
            }

            var pending = new PendingRequest(send, cancellationToken);
            state.Pending.Enqueue(pending);
            return pending.Completion.Task;
        }
    }

    /// <summary>
    /// Whether a request to <paramref name="registration"/> would go out now: always for a client not
    /// in queue mode; for a queue-mode client, while it is within QueueModeAwakeTime of being heard from.
    /// </summary>
    public bool IsAwake(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (!registration.QueueMode)
        {
            return true;
        }

        if (!_queues.TryGetValue(registration.Endpoint, out var state))
        {
            return false;
        }

        lock (state)
        {
            return _time.GetTimestamp() < state.AwakeUntil;
        }
    }

    /// <summary>Requests waiting for a sleeping client.</summary>
    public int QueuedRequestCount(string endpoint) => _queues.TryGetValue(endpoint, out var s) ? s.Pending.Count : 0;

    private void OnPeerActivity(CoapPeerInfo peer)
    {
        // Any message from a sleeping queue-mode client wakes it (Transport §6.5).
        if (_queues.IsEmpty
            || Registrations.Store.GetByAddress(peer.Address) is not { QueueMode: true } registration
            || !_queues.TryGetValue(registration.Endpoint, out var state))
        {
            return;
        }

        lock (state)
        {
            if (state.Pending.Count == 0 && _time.GetTimestamp() < state.AwakeUntil)
            {
                return; // awake and nothing waits: nothing to do
            }
        }

        Awake(registration);
    }

    private void OnRegistered(Registration registration, Registration? replaced)
    {

        if (_logger.IsEnabled(LogLevel.Information))
        {
            Lwm2mServerLog.ClientRegistered(_logger, registration.Endpoint, registration.RegisteredLogLine());
        }

        Awake(registration);
    }

    private void OnUpdated(Registration previous, Registration current)
    {

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Lwm2mServerLog.ClientUpdated(_logger, current.Endpoint, current.Id);
        }

        Awake(current);
    }

    private void OnDeregistered(Registration registration, DeregistrationReason reason)
    {

        if (_logger.IsEnabled(LogLevel.Information))
        {
            Lwm2mServerLog.ClientDeregistered(_logger, registration.Endpoint, registration.Id, reason);
        }

        CancelObservations(registration.Id);
        if (reason != DeregistrationReason.Replaced && _queues.TryRemove(registration.Endpoint, out var state))
        {
            CancelQueued(state);
        }
    }

    /// <summary>The client was heard from: it is awake for QueueModeAwakeTime; send what waited, in order.</summary>
    private void Awake(Registration registration)
    {
        if (!registration.QueueMode && !_queues.ContainsKey(registration.Endpoint))
        {
            return;
        }

        var state = _queues.GetOrAdd(registration.Endpoint, static _ => new QueueState());
        PendingRequest[] flush;
        lock (state)
        {
            state.AwakeUntil = _time.GetTimestamp() + (long)(_options.Registration.QueueModeAwakeTime.TotalSeconds * _time.TimestampFrequency);
            flush = state.Pending.ToArray();
            state.Pending.Clear();
        }

        // The CoAP engine keeps per-peer FIFO order (NSTART queue), so starting them in order is enough.
        foreach (var pending in flush)
        {
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Completion.TrySetResult(new CoapResult(CoapResultStatus.Cancelled, null));
                continue;
            }

            pending.Send()
                .ContinueWith(static (t, s) => ((PendingRequest)s!).Completion.TrySetResult(t.Result), pending, TaskScheduler.Default);
        }
    }

    private static void CancelQueued(QueueState state)
    {
        PendingRequest[] pending;
        lock (state)
        {
            pending = state.Pending.ToArray();
            state.Pending.Clear();
        }

        foreach (var p in pending)
        {
            p.Completion.TrySetResult(new CoapResult(CoapResultStatus.Cancelled, null));
        }
    }

    private sealed class QueueState
    {
        public long AwakeUntil;
        public readonly Queue<PendingRequest> Pending = new();
    }

    private sealed class PendingRequest(Func<Task<CoapResult>> send, CancellationToken cancellationToken)
    {
        public readonly Func<Task<CoapResult>> Send = send;
        public readonly CancellationToken CancellationToken = cancellationToken;
        public readonly TaskCompletionSource<CoapResult> Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
