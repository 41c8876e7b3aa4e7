namespace FastLwm2m.Coap;

/// <summary>
/// CoAP Content-Format identifiers (RFC 7252 §12.3 and the IANA registry) used by LwM2M.
/// </summary>
public static class CoapContentFormat
{
    /// <summary>text/plain; charset=utf-8.</summary>
    public const ushort TextPlain = 0;
    /// <summary>application/link-format (RFC 6690).</summary>
    public const ushort LinkFormat = 40;
    /// <summary>application/xml.</summary>
    public const ushort Xml = 41;
    /// <summary>application/octet-stream.</summary>
    public const ushort OctetStream = 42;
    /// <summary>application/exi.</summary>
    public const ushort Exi = 47;
    /// <summary>application/json.</summary>
    public const ushort Json = 50;
    /// <summary>application/cbor (RFC 8949).</summary>
    public const ushort Cbor = 60;
    /// <summary>application/senml+json (RFC 8428).</summary>
    public const ushort SenmlJson = 110;
    /// <summary>application/senml+cbor (RFC 8428).</summary>
    public const ushort SenmlCbor = 112;
    /// <summary>application/vnd.oma.lwm2m+tlv.</summary>
    public const ushort Lwm2mTlv = 11542;
    /// <summary>application/vnd.oma.lwm2m+json.</summary>
    public const ushort Lwm2mJson = 11543;
    /// <summary>application/vnd.oma.lwm2m+cbor.</summary>
    public const ushort Lwm2mCbor = 11544;
}
