using System.Diagnostics;
using System.Net;
using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

/// <summary>A datagram a <see cref="RawUdpPeer"/> received, with its <see cref="Stopwatch"/> arrival timestamp.</summary>
internal sealed record ReceivedDatagram(byte[] Bytes, IPEndPoint From, long ArrivedAt)
{
    /// <summary>The datagram decoded as CoAP; fails the test if it is not a well-formed message.</summary>
    public CoapMessage Message => CoapMessage.TryDecode(Bytes) ?? throw new InvalidDataException($"Not a CoAP message: {Convert.ToHexString(Bytes)}");

    /// <summary>Time between <paramref name="earlier"/>'s arrival and this one's.</summary>
    public TimeSpan ArrivedAfter(ReceivedDatagram earlier) => Stopwatch.GetElapsedTime(earlier.ArrivedAt, ArrivedAt);
}
