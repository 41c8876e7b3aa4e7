namespace FastLwm2m.Coap;

/// <summary>
/// Receives the notifications of an observation (RFC 7641), fresh ones only, in order. Return
/// false to refuse a confirmable notification (e.g. a full pipeline): it is then not
/// acknowledged, so the device retransmits it later — nothing acknowledged is lost.
/// </summary>
public delegate bool CoapNotificationHandler(CoapObservation observation, in CoapNotification notification);
