namespace FastLwm2m.Coap;

/// <summary>CoAP message-layer counters, summed over the loops.</summary>
public readonly record struct CoapCounters(
    long RequestsReceived,
    long ResponsesSent,
    long DuplicatesReceived,
    long MalformedReceived,
    long ResetsSent,
    long ResetsReceived,
    long Retransmissions,
    long Timeouts,
    long NotificationsSent,
    long NotificationsReceived,
    long HandlerErrors,
    long DeduplicationEvictions);
