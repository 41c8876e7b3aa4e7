using System.Net;
using System.Net.Sockets;
using FastLwm2m.Coap;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// Waits for a CoAP endpoint to answer: sends a CoAP ping (an empty CON, RFC 7252 §4.3) every
/// 200 ms until any datagram comes back (normally the RST a ping earns).
/// </summary>
internal static class ReadinessProbe
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public static bool WaitUntilAnswering(IPEndPoint server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveTimeout = (int)Interval.TotalMilliseconds;
        socket.Connect(server);
        var ping = new byte[4];
        var answer = new byte[2048];
        var deadline = DateTime.UtcNow + timeout;
        ushort messageId = (ushort)Random.Shared.Next();
        do
        {
            CoapMessageWriter.WriteEmpty(ping, CoapMessageType.Confirmable, messageId++);
            try
            {
                socket.Send(ping);
                if (socket.Receive(answer) > 0)
                {
                    return true;
                }
            }
            catch (SocketException)
            {
                // Timed out, or ICMP port unreachable reported on the connected socket: not up yet.
                Thread.Sleep(Interval / 4);
            }
        }
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested);

        return false;
    }
}
