using System.Net;
using FastLwm2m.Transport;

namespace FastLwm2m.Coap.Internal;

/// <summary>
/// Everything the engine knows about one remote endpoint. Owned by one <see cref="CoapEngine"/>
/// (the loop it first arrived on); every field is used under that engine's gate only.
/// </summary>
internal sealed class CoapPeer : CoapPeerInfo
{
    private readonly SocketAddress _address;
    private ushort _nextMessageId;

    public CoapPeer(SocketAddress address, CoapEngine engine)
    {
        _address = address;
        Engine = engine;
        _nextMessageId = (ushort)Random.Shared.Next(0, 65536); // §4.4: randomize the initial MID
        IdleTimer = new PeerIdleTimer(this);
    }

    public override SocketAddress Address => _address;

    public CoapEngine Engine { get; }

    public readonly DedupRing Dedup = new();

    public long LastActivity;

    /// <summary>CON interactions outstanding (NSTART, §4.7).</summary>
    public int InFlight;

    public Queue<OutgoingExchange>? Pending;

    public Dictionary<ushort, OutgoingExchange>? ByMessageId;

    public Dictionary<CoapToken, OutgoingExchange>? ByToken;

    public Dictionary<CoapToken, CoapObservation>? Observations;

    public List<ObserveRelation>? Relations;

    public Dictionary<string, Block1Assembly>? Block1Transfers;

    public Dictionary<string, Block2Cache>? Block2Responses;

    public readonly PeerIdleTimer IdleTimer;

    public bool Removed;

    public ushort NextMessageId() => _nextMessageId++;

    public bool HasState =>
        InFlight > 0
        || Pending is { Count: > 0 }
        || ByMessageId is { Count: > 0 }
        || ByToken is { Count: > 0 }
        || Observations is { Count: > 0 }
        || Relations is { Count: > 0 }
        || Block1Transfers is { Count: > 0 };
}

/// <summary>Forgets a peer that has been idle with no state for PeerIdleTimeout.</summary>
internal sealed class PeerIdleTimer(CoapPeer peer) : TimerNode
{
    protected override void OnTimer(long nowMilliseconds) => peer.Engine.OnPeerIdleTimer(peer, nowMilliseconds);
}
