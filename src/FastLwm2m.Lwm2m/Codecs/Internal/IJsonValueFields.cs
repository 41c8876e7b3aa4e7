namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// The field names and opaque encoding of a JSON content format, for <see cref="JsonValueWriter"/>:
/// SenML JSON (RFC 8428 §5: vs, vb, vd base64url, vlo) or LwM2M 1.0 JSON (§6.4.4: sv, bv, sv base64, ov).
/// Numbers and Time are <c>v</c> in both. Implemented by empty structs so the writer is specialized.
/// </summary>
internal interface IJsonValueFields
{
    /// <summary>The field of String and Corelnk values.</summary>
    static abstract ReadOnlySpan<byte> StringField { get; }

    /// <summary>The field of Boolean values.</summary>
    static abstract ReadOnlySpan<byte> BooleanField { get; }

    /// <summary>The field of Opaque values.</summary>
    static abstract ReadOnlySpan<byte> OpaqueField { get; }

    /// <summary>The field of Objlnk values ("3:0").</summary>
    static abstract ReadOnlySpan<byte> ObjectLinkField { get; }

    /// <summary>Writes <paramref name="bytes"/> as base64 text of this format into <paramref name="utf8"/>; the length written.</summary>
    static abstract int EncodeOpaque(ReadOnlySpan<byte> bytes, Span<byte> utf8);
}
