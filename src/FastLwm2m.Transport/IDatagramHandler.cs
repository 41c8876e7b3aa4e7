using System.Net;

namespace FastLwm2m.Transport;

/// <summary>
/// Receives the datagrams of one <see cref="UdpLoop"/>. Called on the loop's receive thread,
/// one datagram at a time, with no lock held. The datagram and
/// the remote address are reused after the call returns: copy what must outlive it.
/// An exception thrown here is caught and counted by the loop, which keeps running.
/// </summary>
public interface IDatagramHandler
{
    /// <summary>Handles one received datagram.</summary>
    void OnDatagram(UdpLoop loop, ReadOnlySpan<byte> datagram, SocketAddress remote);
}
