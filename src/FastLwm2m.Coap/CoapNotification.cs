namespace FastLwm2m.Coap;

/// <summary>A notification as a view over the received datagram; valid only during the callback.</summary>
public readonly ref struct CoapNotification
{
    internal CoapNotification(in CoapMessageReader message, uint? sequence, ReadOnlySpan<byte> body)
    {
        Message = message;
        Sequence = sequence;
        Body = body;
    }

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
