namespace FastLwm2m.Coap;

/// <summary>A notification as a view over the received datagram; valid only during the callback.</summary>
public readonly ref struct CoapNotification
{
    private readonly Internal.CoapEngine? _engine;
    private readonly Internal.CoapPeer? _peer;

    internal CoapNotification(in CoapMessageReader message, uint? sequence, ReadOnlySpan<byte> body, Internal.CoapEngine? engine = null, Internal.CoapPeer? peer = null)
    {
        Message = message;
        Sequence = sequence;
        Body = body;
        _engine = engine;
        _peer = peer;
    }

    /// <summary>
    /// Holds back the ACK of a confirmable notification until the application calls
    /// <see cref="CoapAcknowledgement.Acknowledge"/> (e.g. once the data is committed): nothing is
    /// acknowledged before it is safe. Retransmissions meanwhile are dropped, not delivered again;
    /// <see cref="CoapAcknowledgement.Reject"/> lets the next one through. For a NON notification
    /// (no ACK) the handle does nothing. The callback's return value is ignored once deferred.
    /// </summary>
    public CoapAcknowledgement DeferAcknowledgement() =>
        _engine is not null && _peer is not null
            ? _engine.Defer(_peer, Message.MessageId, Message.Type == CoapMessageType.Confirmable)
            : CoapAcknowledgement.None;

    /// <summary>The parsed notification.</summary>
    public CoapMessageReader Message { get; }

    /// <summary>The response code; not 2.xx means the observation has ended (RFC 7641 §3.2).</summary>
    public CoapCode Code => Message.Code;

    /// <summary>The Observe sequence number, or null in a final notification without one.</summary>
    public uint? Sequence { get; }

    /// <summary>The payload.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>Content-Format of the payload, or null.</summary>
    public uint? ContentFormat => Message.TryGetUInt32(CoapOptionNumber.ContentFormat, out uint cf) ? cf : null;
}
