using System.Net;

namespace FastLwm2m.Transport.Tests.TestSupport;

/// <summary>Answers every datagram with itself, from the loop it arrived on.</summary>
internal sealed class EchoHandler : IDatagramHandler
{
    public void OnDatagram(UdpLoop loop, ReadOnlySpan<byte> datagram, SocketAddress remote) => loop.Send(datagram, remote);
}
