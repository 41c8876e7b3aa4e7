using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using FastLwm2m.Coap.Internal;
using FastLwm2m.Transport;

namespace FastLwm2m.Coap;

/// <summary>
/// A CoAP endpoint (RFC 7252) over a <see cref="UdpEndpoint"/>: serves requests through an
/// <see cref="ICoapRequestHandler"/> and sends requests of its own, with the message layer
/// (deduplication, retransmission, NSTART), block-wise transfers (RFC 7959) and observe
/// (RFC 7641) on both sides. Peer state lives in one table keyed by socket address; each peer
/// belongs to the loop it first arrived on and is only touched under that loop's gate.
/// </summary>
public sealed class CoapEndpoint : IAsyncDisposable
{
    private readonly CoapEndpointOptions _options;
    private readonly ICoapRequestHandler _handler;
    private readonly UdpEndpoint? _udp;
    private readonly List<CoapEngine> _engines = new();
    private AddressFamily _family;
    private int _stopped;

    /// <summary>Creates an endpoint; <see cref="Start"/> binds it.</summary>
    /// <exception cref="ArgumentException">An invalid option (the message names it).</exception>
    public CoapEndpoint(CoapEndpointOptions options, ICoapRequestHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _handler = handler ?? NotFoundHandler.Instance;
        _udp = new UdpEndpoint(options.Udp, loop =>
        {
            var engine = new CoapEngine(this, new UdpEngineLoop(loop), options, _handler);
            lock (_engines)
            {
                _engines.Add(engine);
            }

            return engine;
        });
    }

    /// <summary>An endpoint over loops supplied by a test (fake sockets and clock).</summary>
    internal CoapEndpoint(CoapEndpointOptions options, ICoapRequestHandler? handler, IReadOnlyList<IEngineLoop> loops, AddressFamily family)
    {
        options.Validate();
        _options = options;
        _handler = handler ?? NotFoundHandler.Instance;
        _family = family;
        foreach (var loop in loops)
        {
            _engines.Add(new CoapEngine(this, loop, options, _handler));
        }
    }

    internal ConcurrentDictionary<SocketAddress, CoapPeer> Peers { get; } = new();

    internal IReadOnlyList<CoapEngine> Engines => _engines;

    /// <summary>
    /// A request handler or a notification callback threw (the request was answered 5.00). Raised on
    /// the loop's thread with its gate held: log and return.
    /// </summary>
    public event Action<Exception>? HandlerFailed;

    /// <summary>
    /// A well-formed message arrived from a peer (any type). Raised on the loop's thread with its
    /// gate held, before the message is processed: keep it cheap (e.g. queue-mode wake-ups).
    /// </summary>
    public event Action<CoapPeerInfo>? PeerActivity;

    internal void ReportPeerActivity(CoapPeerInfo peer)
    {
        if (PeerActivity is { } listener)
        {
            try
            {
                listener(peer);
            }
            catch (Exception e)
            {
                ReportHandlerFailure(e);
            }
        }
    }

    internal void ReportHandlerFailure(Exception exception)
    {
        try
        {
            HandlerFailed?.Invoke(exception);
        }
        catch (Exception)
        {
            // A failing listener must not take the loop down.
        }
    }

    /// <summary>The options.</summary>
    public CoapEndpointOptions Options => _options;

    /// <summary>The bound address and port (after <see cref="Start"/>).</summary>
    public IPEndPoint LocalEndPoint => _udp?.LocalEndPoint ?? new IPEndPoint(IPAddress.IPv6Loopback, 0);

    /// <summary>Number of peers with state.</summary>
    public int PeerCount => Peers.Count;

    /// <summary>Binds the socket(s) and starts receiving.</summary>
    public void Start()
    {
        _udp!.Start();
        _family = _udp.LocalEndPoint.AddressFamily;
    }

    /// <summary>
    /// Sends a request and waits for its response, with retransmission (CON), block-wise transfer
    /// of large bodies in both directions, and NSTART queueing. A token is assigned if the request
    /// has none. Never throws for network outcomes: they are <see cref="CoapResultStatus"/> values.
    /// </summary>
    public Task<CoapResult> SendAsync(CoapMessage request, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(remote);
        if (!request.Code.IsRequest)
        {
            throw new ArgumentException($"Code {request.Code} is not a request method.", nameof(request));
        }

        return Send(request, ToSocketAddress(remote), null, cancellationToken);
    }

    /// <summary>Sends a request to a peer known to the endpoint (e.g. kept from a request context).</summary>
    public Task<CoapResult> SendAsync(CoapMessage request, CoapPeerInfo peer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return SendAsync(request, peer.EndPoint, cancellationToken);
    }

    /// <summary>
    /// Registers an observation (GET or FETCH with Observe = 0, RFC 7641 §3.1). The returned
    /// observation is active if the response carried an Observe option; its
    /// <see cref="CoapObservation.InitialResult"/> holds the first response.
    /// </summary>
    public Task<CoapObservation> ObserveAsync(CoapMessage request, IPEndPoint remote, CoapNotificationHandler onNotification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(onNotification);
        if (request.Code != CoapCode.Get && request.Code != CoapCode.Fetch)
        {
            throw new ArgumentException("Only GET and FETCH can be observed (RFC 7641, RFC 8132).", nameof(request));
        }

        request.Observe = 0;
        var address = ToSocketAddress(remote);
        CoapObservation? observation = null;
        var sent = Send(request, address, peer => observation = new CoapObservation(peer, request, onNotification), cancellationToken);
        ObjectDisposedException.ThrowIf(observation is null, this); // the endpoint was stopped
        return observation.Registered.Task;
    }

    private Task<CoapResult> Send(CoapMessage request, SocketAddress address, Func<CoapPeer, CoapObservation>? observationFactory, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _stopped) != 0)
        {
            return Task.FromResult(new CoapResult(CoapResultStatus.Cancelled, null));
        }

        for (int attempt = 0; ; attempt++)
        {
            var peer = GetOrCreatePeer(address, null);
            var engine = peer.Engine;
            OutgoingExchange ex;
            lock (engine.Gate)
            {
                if (peer.Removed && attempt < 3)
                {
                    continue;
                }

                ex = engine.StartRequest(peer, request, observationFactory?.Invoke(peer));
            }

            engine.RegisterCancellation(ex, cancellationToken);
            return ex.Completion.Task;
        }
    }

    /// <summary>Message-layer counters summed over the loops.</summary>
    public CoapCounters GetCounters()
    {
        long a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, i = 0, j = 0, k = 0, l = 0;
        foreach (var x in _engines)
        {
            a += Volatile.Read(ref x.RequestsReceived);
            b += Volatile.Read(ref x.ResponsesSent);
            c += Volatile.Read(ref x.DuplicatesReceived);
            d += Volatile.Read(ref x.MalformedReceived);
            e += Volatile.Read(ref x.ResetsSent);
            f += Volatile.Read(ref x.ResetsReceived);
            g += Volatile.Read(ref x.Retransmissions);
            h += Volatile.Read(ref x.Timeouts);
            i += Volatile.Read(ref x.NotificationsSent);
            j += Volatile.Read(ref x.NotificationsReceived);
            k += Volatile.Read(ref x.HandlerErrors);
            l += Volatile.Read(ref x.DeduplicationEvictions);
        }

        return new CoapCounters(a, b, c, d, e, f, g, h, i, j, k, l);
    }

    /// <summary>Transport counters (datagrams, bytes, drops), or default when not on sockets.</summary>
    public TransportCounters GetTransportCounters() => _udp?.GetCounters() ?? default;

    /// <summary>Advances the timers to the clock's current time (tests with AutoTick off).</summary>
    public void Tick()
    {
        if (_udp is not null)
        {
            _udp.Tick();
            return;
        }

        foreach (var engine in _engines)
        {
            lock (engine.Gate)
            {
                engine.Loop.Timers.Advance(engine.Loop.NowMilliseconds);
            }
        }
    }

    /// <summary>Stops receiving and ends every pending exchange with <see cref="CoapResultStatus.Cancelled"/>.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        if (_udp is not null)
        {
            await _udp.StopAsync().ConfigureAwait(false);
        }

        foreach (var peer in Peers.Values)
        {
            lock (peer.Engine.Gate)
            {
                peer.Engine.Shutdown(peer);
            }
        }

        Peers.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    internal CoapPeer GetOrCreatePeer(SocketAddress address, CoapEngine? owner)
    {
        if (Peers.TryGetValue(address, out var existing))
        {
            return existing;
        }

        // A private copy: the receive loop reuses its SocketAddress for the next datagram.
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span.CopyTo(copy.Buffer.Span);
        owner ??= _engines[(int)((uint)copy.GetHashCode() % (uint)_engines.Count)];
        var peer = new CoapPeer(copy, owner);
        var winner = Peers.GetOrAdd(copy, peer);
        if (winner == peer)
        {
            lock (owner.Gate)
            {
                owner.StartPeer(peer);
            }
        }

        return winner;
    }

    internal void RemovePeer(CoapPeer peer) => Peers.TryRemove(new KeyValuePair<SocketAddress, CoapPeer>(peer.Address, peer));

    internal SocketAddress ToSocketAddress(IPEndPoint remote)
    {
        // A dual-mode IPv6 socket reports IPv4 peers as IPv4-mapped addresses: key them the same.
        if (_family == AddressFamily.InterNetworkV6 && remote.AddressFamily == AddressFamily.InterNetwork)
        {
            remote = new IPEndPoint(remote.Address.MapToIPv6(), remote.Port);
        }

        return remote.Serialize();
    }

    private sealed class NotFoundHandler : ICoapRequestHandler
    {
        public static readonly NotFoundHandler Instance = new();

        public void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response) => response.SetCode(CoapCode.NotFound);
    }
}
