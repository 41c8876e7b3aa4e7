namespace FastLwm2m.Coap;

/// <summary>The four CoAP message types (RFC 7252 §3, field T).</summary>
public enum CoapMessageType : byte
{
    /// <summary>CON: requires an acknowledgement.</summary>
    Confirmable = 0,
    /// <summary>NON: no acknowledgement.</summary>
    NonConfirmable = 1,
    /// <summary>ACK: acknowledges a CON, may piggyback a response.</summary>
    Acknowledgement = 2,
    /// <summary>RST: the receiver could not process the message.</summary>
    Reset = 3,
}
