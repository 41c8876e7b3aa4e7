using System.Net;

namespace FastLwm2m.Transport.Tests.TestSupport;

/// <summary>A handler written inline by a test.</summary>
internal sealed class DelegateHandler(DelegateHandler.Callback callback) : IDatagramHandler
{
    public delegate void Callback(UdpLoop loop, ReadOnlySpan<byte> datagram, SocketAddress remote);

    public void OnDatagram(UdpLoop loop, ReadOnlySpan<byte> datagram, SocketAddress remote) => callback(loop, datagram, remote);
}
