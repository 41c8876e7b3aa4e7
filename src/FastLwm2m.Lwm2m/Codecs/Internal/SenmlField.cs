namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// SenML record fields (RFC 8428 §4.1-4.3, Table 6 for the CBOR labels) and LwM2M's <c>vlo</c>
/// (Core §7.4.5), as the readers identify them.
/// </summary>
internal enum SenmlField : byte
{
    /// <summary>A field LwM2M does not use (<c>u</c>, <c>bu</c>, <c>s</c>, <c>ut</c>, extensions): skipped.</summary>
    Ignored = 0,
    BaseName,
    BaseTime,
    BaseVersion,
    Name,
    Time,
    Value,
    StringValue,
    BooleanValue,
    DataValue,
    ObjectLinkValue,
    /// <summary><c>bv</c> or <c>bs</c>: base value and base sum change what <c>v</c> means; not part of LwM2M.</summary>
    Unsupported,
    /// <summary>A field whose name ends in '_': RFC 8428 §4.4 says a receiver that does not know it must reject the pack.</summary>
    MustUnderstand,
}
