using System.Net;
using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

/// <summary>
/// A request as a <see cref="TestCoapServer"/>'s handler saw it: the parsed message (its payload
/// is the last block's for a Block1 transfer), the whole body and the peer.
/// </summary>
internal sealed record ReceivedRequest(CoapMessage Message, byte[] Body, IPEndPoint Peer)
{
    public CoapCode Method => Message.Code;

    public string Path => Message.UriPath;

    public BlockOption? Block2 =>
        Message.GetUInt32(CoapOptionNumber.Block2) is { } value && BlockOption.TryDecode(value, out var block) ? block : null;
}
