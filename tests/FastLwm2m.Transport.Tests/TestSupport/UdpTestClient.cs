using System.Net;
using System.Net.Sockets;

namespace FastLwm2m.Transport.Tests.TestSupport;

/// <summary>
/// A blocking client socket for talking to an endpoint on loopback. Receives time out after
/// 10 s so a lost answer fails the test instead of hanging it.
/// </summary>
internal sealed class UdpTestClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly SocketAddress _server;
    private readonly SocketAddress _from;
    private readonly byte[] _buffer = new byte[65_536];

    public UdpTestClient(IPAddress localAddress, IPEndPoint server)
    {
        Socket = new Socket(localAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveTimeout = (int)Timeout.TotalMilliseconds,
        };
        Socket.Bind(new IPEndPoint(localAddress, 0));
        _server = server.Serialize();
        _from = new SocketAddress(localAddress.AddressFamily, SocketAddress.GetMaximumAddressSize(localAddress.AddressFamily));
    }

    public Socket Socket { get; }

    public IPEndPoint LocalEndPoint => (IPEndPoint)Socket.LocalEndPoint!;

    /// <summary>Creates a client on the endpoint's own loopback address.</summary>
    public static UdpTestClient For(UdpEndpoint endpoint) => new(endpoint.LocalEndPoint.Address, endpoint.LocalEndPoint);

    public void Send(ReadOnlySpan<byte> datagram) => Socket.SendTo(datagram, SocketFlags.None, _server);

    /// <summary>Receives one datagram; throws a SocketException (TimedOut) if none comes.</summary>
    public byte[] Receive()
    {
        int received = Socket.ReceiveFrom(_buffer, SocketFlags.None, _from);
        return _buffer.AsSpan(0, received).ToArray();
    }

    public byte[] RoundTrip(ReadOnlySpan<byte> datagram)
    {
        Send(datagram);
        return Receive();
    }

    public void Dispose() => Socket.Dispose();
}
