namespace FastLwm2m.Coap.Internal;

internal enum ExchangeState : byte
{
    Queued,
    WaitingAck,
    WaitingResponse,
    Done,
}
