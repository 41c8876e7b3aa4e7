using FastLwm2m.Coap.Internal;

namespace FastLwm2m.Coap;

/// <summary>
/// A response the handler gives later (RFC 7252 §5.2.2): sent as a separate CON response with
/// the request's token, retransmitted until acknowledged. Thread-safe; the first Respond wins.
/// </summary>
public sealed class CoapDeferredResponse
{
    private readonly CoapPeer _peer;
    private readonly CoapToken _token;
    private readonly bool _requestWasConfirmable;
    private int _responded;

    internal CoapDeferredResponse(CoapPeer peer, CoapToken token, bool requestWasConfirmable)
    {
        _peer = peer;
        _token = token;
        _requestWasConfirmable = requestWasConfirmable;
    }

    /// <summary>The peer that asked.</summary>
    public CoapPeerInfo Peer => _peer;

    /// <summary>Whether a response was already sent.</summary>
    public bool HasResponded => Volatile.Read(ref _responded) != 0;

    /// <summary>
    /// Sends the response (its type, message id and token are set by the engine). Completes when
    /// the peer acknowledged it (CON) or it was sent (NON); false if already responded.
    /// </summary>
    public Task<CoapResult> RespondAsync(CoapMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (Interlocked.Exchange(ref _responded, 1) != 0)
        {
            return Task.FromResult(new CoapResult(CoapResultStatus.Rejected, null));
        }

        response.Token = _token;
        response.Type = _requestWasConfirmable ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable;
        return _peer.Engine.SendSeparateResponse(_peer, response);
    }
}
