using FastLwm2m.Transport;

namespace FastLwm2m.Coap.Internal;

/// <summary>
/// One message we sent and what we wait for: its ACK (retransmitting with exponential back-off,
/// RFC 7252 §4.2) and, for a request, its response (matched by token, §5.3.2). Block-wise
/// transfers (RFC 7959) keep one exchange across blocks. Used under the engine's gate.
/// </summary>
internal sealed class OutgoingExchange : TimerNode
{
    public OutgoingExchange(CoapPeer peer, CoapMessage message, ExchangeKind kind)
    {
        Peer = peer;
        Message = message;
        Kind = kind;
        Completion = new TaskCompletionSource<CoapResult>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public readonly CoapPeer Peer;
    public readonly ExchangeKind Kind;
    public readonly TaskCompletionSource<CoapResult> Completion;

    /// <summary>The message being sent now (for block-wise: the current block's request).</summary>
    public CoapMessage Message;

    /// <summary>The original request (block-wise sends derived messages).</summary>
    public CoapMessage? Original;

    public byte[] Encoded = [];
    public int EncodedLength;
    public ExchangeState State;
    public int RetransmitCount;
    public long CurrentTimeout;
    public bool CountsInFlight;
    public bool RegisteredByToken;

    // Block1 (we send a large body): next block number and size exponent.
    public bool Block1Active;
    public uint Block1Number;
    public int Block1Szx;

    // Block2 (we receive a large body): accumulated bytes.
    public MemoryStream? Block2Body;

    public CoapObservation? Observation;
    public ObserveRelation? Relation;
    public CancellationTokenRegistration CancellationRegistration;

    protected override void OnTimer(long nowMilliseconds) => Peer.Engine.OnExchangeTimer(this);
}
