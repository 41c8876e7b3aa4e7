namespace FastLwm2m.Coap;

/// <summary>
/// Outcome of parsing a CoAP datagram. Every message format error of RFC 7252 §3 has its own
/// value so that metrics and debug logs say exactly what was wrong.
/// </summary>
public enum CoapParseStatus : byte
{
    /// <summary>A well-formed message.</summary>
    Ok = 0,
    /// <summary>Fewer than the 4 bytes of the fixed header.</summary>
    TooShortForHeader,
    /// <summary>Version field is not 1 (§3: silently ignore).</summary>
    UnsupportedVersion,
    /// <summary>Token Length 9-15 is reserved (§3: message format error).</summary>
    ReservedTokenLength,
    /// <summary>The datagram ends inside the token.</summary>
    TruncatedToken,
    /// <summary>Code 0.00 (Empty) with a token, options or payload (§4.1: format error).</summary>
    NonEmptyEmptyMessage,
    /// <summary>Code class 1, 6 or 7 is reserved (§12.1).</summary>
    ReservedCodeClass,
    /// <summary>Option delta nibble 15 without a full 0xFF payload marker byte (§3.1).</summary>
    ReservedOptionDelta,
    /// <summary>Option length nibble 15 is reserved (§3.1).</summary>
    ReservedOptionLength,
    /// <summary>The datagram ends inside an option's extended delta or length bytes.</summary>
    TruncatedOptionHeader,
    /// <summary>The datagram ends inside an option's value.</summary>
    TruncatedOptionValue,
    /// <summary>Accumulated option number exceeds 65535.</summary>
    OptionNumberOverflow,
    /// <summary>Payload marker 0xFF followed by a zero-length payload (§3: format error).</summary>
    EmptyPayloadAfterMarker,
}
