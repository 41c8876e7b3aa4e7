using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// The content formats a client declared in the <c>ct</c> attribute of its root link at
/// registration (Core §6.2.1.1), as flags: two bytes per registration instead of a list.
/// </summary>
[Flags]
public enum ContentFormatSupport : ushort
{
    /// <summary>Nothing declared.</summary>
    None = 0,
    /// <summary>text/plain (0).</summary>
    Text = 1,
    /// <summary>application/octet-stream (42).</summary>
    Opaque = 2,
    /// <summary>application/cbor (60).</summary>
    Cbor = 4,
    /// <summary>SenML JSON (110).</summary>
    SenmlJson = 8,
    /// <summary>SenML CBOR (112).</summary>
    SenmlCbor = 16,
    /// <summary>TLV (11542).</summary>
    Tlv = 32,
    /// <summary>LwM2M JSON (11543).</summary>
    Lwm2mJson = 64,
    /// <summary>LwM2M CBOR (11544).</summary>
    Lwm2mCbor = 128,
    /// <summary>link-format (40).</summary>
    LinkFormat = 256,
}

/// <summary>Conversions of <see cref="ContentFormatSupport"/>.</summary>
public static class ContentFormatSupports
{
    /// <summary>The flag of a content format id (None if not an LwM2M format).</summary>
    public static ContentFormatSupport FromContentFormat(uint contentFormat) => contentFormat switch
    {
        CoapContentFormat.TextPlain => ContentFormatSupport.Text,
        CoapContentFormat.OctetStream => ContentFormatSupport.Opaque,
        CoapContentFormat.Cbor => ContentFormatSupport.Cbor,
        CoapContentFormat.SenmlJson => ContentFormatSupport.SenmlJson,
        CoapContentFormat.SenmlCbor => ContentFormatSupport.SenmlCbor,
        CoapContentFormat.Lwm2mTlv => ContentFormatSupport.Tlv,
        CoapContentFormat.Lwm2mJson => ContentFormatSupport.Lwm2mJson,
        CoapContentFormat.Lwm2mCbor => ContentFormatSupport.Lwm2mCbor,
        CoapContentFormat.LinkFormat => ContentFormatSupport.LinkFormat,
        _ => ContentFormatSupport.None,
    };

    /// <summary>Whether the client declared <paramref name="contentFormat"/>.</summary>
    public static bool Supports(this ContentFormatSupport support, ushort contentFormat) =>
        (support & FromContentFormat(contentFormat)) != 0;
}
