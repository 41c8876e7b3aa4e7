namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// The type of identifier of a TLV entry: bits 7-6 of its type byte (Core §7.4.3, Table 7.4.3-1).
/// </summary>
public enum TlvType : byte
{
    /// <summary>00: an Object Instance; the value holds one or more resource TLVs.</summary>
    ObjectInstance = 0,

    /// <summary>01: a Resource Instance with a value, inside a <see cref="MultipleResource"/>.</summary>
    ResourceInstance = 1,

    /// <summary>10: a Multiple Resource; the value holds resource instance TLVs.</summary>
    MultipleResource = 2,

    /// <summary>11: a Resource with a value.</summary>
    ResourceWithValue = 3,
}
