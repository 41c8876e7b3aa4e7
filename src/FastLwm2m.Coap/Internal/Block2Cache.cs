using FastLwm2m.Transport;

namespace FastLwm2m.Coap.Internal;

/// <summary>
/// A response too large for one block, kept so that the following Block2 requests are answered
/// from it (RFC 7959 §2.4, and §3.3 for POST/FETCH, whose follow-up requests carry no payload)
/// instead of running the handler again: one consistent representation per transfer, and a
/// non-idempotent handler runs once. Bounded per peer; forgotten after the response timeout.
/// </summary>
internal sealed class Block2Cache(CoapPeer peer, string key, CoapCode code, List<(ushort Number, byte[] Value)> options, byte[] body) : TimerNode
{
    public readonly CoapPeer Peer = peer;
    public readonly string Key = key;
    public readonly CoapCode Code = code;
    public readonly List<(ushort Number, byte[] Value)> Options = options;
    public readonly byte[] Body = body;

    protected override void OnTimer(long nowMilliseconds) => Peer.Engine.OnBlock2CacheExpired(this);
}
