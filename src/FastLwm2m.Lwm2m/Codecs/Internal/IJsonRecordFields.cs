using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// How a JSON content format names the fields of a record, for <see cref="JsonRecordReader"/>:
/// SenML JSON (RFC 8428 §5: bn, bt, n, t, v, vs, vb, vd, vlo) or the entries of LwM2M 1.0 JSON
/// (§6.4.4: n, t, v, sv, bv, ov). Implemented by empty structs so the reader is specialized.
/// </summary>
internal interface IJsonRecordFields
{
    /// <summary>What messages call a record: "record" or "entry".</summary>
    static abstract string Record { get; }

    /// <summary>The same with its article: "a record" or "an entry".</summary>
    static abstract string ARecord { get; }

    /// <summary>The field named by the property name the reader is on.</summary>
    static abstract SenmlField Identify(ref Utf8JsonReader reader);

    /// <summary>The name of <paramref name="field"/> in this format, for messages.</summary>
    static abstract string NameOf(SenmlField field);
}
