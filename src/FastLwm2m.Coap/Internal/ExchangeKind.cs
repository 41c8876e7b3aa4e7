namespace FastLwm2m.Coap.Internal;

internal enum ExchangeKind : byte
{
    /// <summary>A request we sent; completes with its response.</summary>
    Request,
    /// <summary>A separate CON response we sent; completes when acknowledged.</summary>
    SeparateResponse,
    /// <summary>A CON notification we sent to an observer.</summary>
    Notification,
}
