using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>A request that arrived while the client slept: answered (separately) when it wakes up.</summary>
internal sealed record HeldRequest(ClientRequest Request, CoapDeferredResponse Response);
