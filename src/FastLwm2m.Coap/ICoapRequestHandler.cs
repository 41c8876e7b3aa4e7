namespace FastLwm2m.Coap;

/// <summary>
/// Serves the requests that reach a <see cref="CoapEndpoint"/>. Called on the loop that owns
/// the peer, with that loop's gate held, so it must not block: answer at once through
/// the response builder, or call <see cref="CoapResponseBuilder.Defer"/> and answer later
/// (a separate response, RFC 7252 §5.2.2). Duplicates, ACKs, block-wise transfers (the body
/// of a Block1 transfer arrives whole) and observe registration bookkeeping are done by the
/// engine. An exception is answered 5.00 and counted.
/// </summary>
public interface ICoapRequestHandler
{
    /// <summary>Handles one request.</summary>
    void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response);
}
