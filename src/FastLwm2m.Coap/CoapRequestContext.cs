using System.Net;

namespace FastLwm2m.Coap;

/// <summary>
/// A request as the handler sees it: a view of the parsed message, its body (the payload, or the
/// whole body of a completed Block1 transfer) and the peer. Valid only during the handler call.
/// </summary>
public readonly ref struct CoapRequestContext
{
    internal CoapRequestContext(in CoapMessageReader message, ReadOnlySpan<byte> body, CoapPeerInfo peer, bool isNotificationRefresh)
    {
        Message = message;
        Body = body;
        Peer = peer;
        IsNotificationRefresh = isNotificationRefresh;
    }

    /// <summary>The parsed request (options, token, type).</summary>
    public CoapMessageReader Message { get; }

    /// <summary>The request body: payload or reassembled Block1 body.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>The peer that sent it.</summary>
    public CoapPeerInfo Peer { get; }

    /// <summary>The method.</summary>
    public CoapCode Method => Message.Code;

    /// <summary>
    /// True when the engine re-runs the handler of an observed resource to produce a notification
    /// (RFC 7641 §4.2) rather than for a request that just arrived.
    /// </summary>
    public bool IsNotificationRefresh { get; }

    /// <summary>The remote endpoint (allocates; for logs and diagnostics).</summary>
    public IPEndPoint RemoteEndPoint => Peer.EndPoint;
}
