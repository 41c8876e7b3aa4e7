namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// SenML CBOR, Content-Format 112 (<c>application/senml+cbor</c>; RFC 8428 §6, LwM2M 1.1 Core §7.4.5).
/// The records are those of <see cref="SenmlJsonCodec"/> as CBOR maps with the integer labels of
/// RFC 8428 Table 6 (bn -2, bt -3, n 0, v 2, vs 3, vb 4, t 6, vd 8) and the text label "vlo" for
/// object links; opaque values are byte strings, floats take the shortest exact precision. Decoding
/// accepts definite and indefinite lengths, tag 1 (epoch time) and tag 4 (decimal fraction) numbers.
/// Record times are ignored by TryDecode and TryDecodeNodes and kept by TryDecodeTimestampedNodes.
/// Thread-safe.
/// </summary>
public sealed class SenmlCborCodec : SenmlCodec
{
    /// <summary>The Content-Format id of <c>application/senml+cbor</c>.</summary>
    public const ushort Id = 112;

    /// <summary>A codec that resolves relative times against the system clock.</summary>
    public SenmlCborCodec()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A codec that resolves relative times (RFC 8428 §4.5.3) against <paramref name="clock"/>.</summary>
    public SenmlCborCodec(TimeProvider clock)
        : base(clock, cbor: true)
    {
    }
}
