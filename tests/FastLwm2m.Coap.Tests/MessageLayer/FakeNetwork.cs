using System.Net;
using System.Net.Sockets;
using FastLwm2m.Coap.Internal;
using FastLwm2m.Transport;

namespace FastLwm2m.Coap.Tests.MessageLayer;

/// <summary>
/// An in-memory network with a manual clock: endpoints built on it send into a queue, and the test
/// decides when datagrams are delivered (<see cref="Pump"/>), dropped, or time moves on
/// (<see cref="Advance"/>). Nothing sleeps; every schedule is exact.
/// </summary>
internal sealed class FakeNetwork
{
    private readonly Queue<(SocketAddress From, SocketAddress To, byte[] Bytes)> _queue = new();
    private readonly Dictionary<SocketAddress, CoapEndpoint> _endpoints = new();
    private readonly List<FakeLoop> _loops = new();
    private int _nextPort = 5000;

    public long Now { get; private set; }

    /// <summary>Every datagram sent, in order, with the time it was sent.</summary>
    public List<(long Time, SocketAddress From, SocketAddress To, byte[] Bytes)> Sent { get; } = new();

    /// <summary>Decides per datagram whether it is lost.</summary>
    public Func<SocketAddress, SocketAddress, byte[], bool>? Drop { get; set; }

    public (CoapEndpoint Endpoint, SocketAddress Address) AddEndpoint(ICoapRequestHandler? handler = null, CoapEndpointOptions? options = null)
    {
        var address = new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), _nextPort++).Serialize();
        var loop = new FakeLoop(this, address);
        _loops.Add(loop);
        var endpoint = new CoapEndpoint(options ?? new CoapEndpointOptions(), handler, [loop], AddressFamily.InterNetworkV6);
        _endpoints[address] = endpoint;
        return (endpoint, address);
    }

    /// <summary>Address of a peer that has no endpoint: datagrams to it are recorded only.</summary>
    public SocketAddress RawPeer(int port) => new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), port).Serialize();

    public static IPEndPoint ToEndPoint(SocketAddress address) => (IPEndPoint)new IPEndPoint(IPAddress.IPv6Any, 0).Create(address);

    public void Enqueue(SocketAddress from, SocketAddress to, byte[] bytes)
    {
        Sent.Add((Now, from, to, bytes));
        if (Drop?.Invoke(from, to, bytes) == true)
        {
            return;
        }

        _queue.Enqueue((from, to, bytes));
    }

    /// <summary>Injects a datagram from <paramref name="from"/> into the endpoint at <paramref name="to"/>.</summary>
    public void Inject(SocketAddress from, SocketAddress to, byte[] bytes) => _endpoints[to].Engines[0].Receive(bytes, from);

    /// <summary>Delivers queued datagrams until none is left (bounded).</summary>
    public int Pump(int max = 10_000)
    {
        int delivered = 0;
        while (_queue.Count > 0 && delivered < max)
        {
            var (from, to, bytes) = _queue.Dequeue();
            if (_endpoints.TryGetValue(to, out var endpoint))
            {
                endpoint.Engines[0].Receive(bytes, from);
            }

            delivered++;
        }

        return delivered;
    }

    /// <summary>Moves the clock forward in ticks, firing timers and delivering datagrams as it goes.</summary>
    public void Advance(long milliseconds, int step = 10)
    {
        long end = Now + milliseconds;
        while (Now < end)
        {
            Now = Math.Min(end, Now + step);
            foreach (var loop in _loops)
            {
                lock (loop.Gate)
                {
                    loop.Timers.Advance(Now);
                }
            }

            Pump();
        }
    }

    /// <summary>Datagrams sent to <paramref name="to"/>, parsed.</summary>
    public List<CoapMessage> SentTo(SocketAddress to) =>
        Sent.Where(s => s.To.Equals(to)).Select(s => CoapMessage.TryDecode(s.Bytes)!).ToList();

    private sealed class FakeLoop : IEngineLoop, IDatagramSink
    {
        private readonly FakeNetwork _network;
        private readonly SocketAddress _address;

        public FakeLoop(FakeNetwork network, SocketAddress address)
        {
            _network = network;
            _address = address;
            Timers = new TimingWheel(10, 1024, network.Now);
        }

        public Lock Gate { get; } = new();

        public TimingWheel Timers { get; }

        public long NowMilliseconds => _network.Now;

        public IDatagramSink Sink => this;

        public LoopCounters Counters { get; } = new();

        public bool Send(ReadOnlySpan<byte> datagram, SocketAddress remote)
        {
            var copy = new SocketAddress(remote.Family, remote.Size);
            remote.Buffer.Span.CopyTo(copy.Buffer.Span);
            _network.Enqueue(_address, copy, datagram.ToArray());
            return true;
        }
    }
}

/// <summary>A handler built from a lambda, counting its calls.</summary>
internal delegate void RequestHandler(in CoapRequestContext request, CoapResponseBuilder response);

internal sealed class TestHandler(RequestHandler handle) : ICoapRequestHandler
{
    public int Calls;

    public void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response)
    {
        Calls++;
        handle(in request, response);
    }
}

internal static class TaskTestExtensions
{
    /// <summary>The result of a task that must already have completed (the fake network runs synchronously).</summary>
    public static T Completed<T>(this Task<T> task)
    {
        Assert.True(task.IsCompleted, "the operation should have completed");
        return task.GetAwaiter().GetResult();
    }
}
