using System.Net;

namespace FastLwm2m.Transport;

/// <summary>Somewhere datagrams can be sent: a UDP loop's socket, or a test double.</summary>
public interface IDatagramSink
{
    /// <summary>
    /// Sends one datagram to <paramref name="remote"/> without allocating. Returns false (and
    /// counts it) if the socket refused it; never throws for a network error.
    /// </summary>
    bool Send(ReadOnlySpan<byte> datagram, SocketAddress remote);
}
