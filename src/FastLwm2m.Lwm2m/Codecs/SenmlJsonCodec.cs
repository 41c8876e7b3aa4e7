namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// SenML JSON, Content-Format 110 (<c>application/senml+json</c>; RFC 8428 §5, LwM2M 1.1 Core §7.4.5).
/// A node read at a path is written as records named relative to a base name:
/// <c>[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"9","v":100},…]</c>;
/// composite payloads name every record in full (<c>[{"n":"/3/0/9"},{"n":"/1/0/1"}]</c>).
/// Values: <c>v</c> for numbers and Time, <c>vs</c> for String and Corelnk, <c>vb</c>, <c>vd</c>
/// (base64url without padding) and <c>vlo</c> ("3:0"). Decoding accepts any split of a name between
/// <c>bn</c> and <c>n</c>, types numbers by the model (a fraction for an Integer resource is an
/// error) and resolves times by RFC 8428 §4.5.3 (below 2^28: relative to now). Record times are
/// ignored by TryDecode and TryDecodeNodes and kept by TryDecodeTimestampedNodes. Thread-safe.
/// </summary>
public sealed class SenmlJsonCodec : SenmlCodec
{
    /// <summary>The Content-Format id of <c>application/senml+json</c>.</summary>
    public const ushort Id = 110;

    /// <summary>A codec that resolves relative times against the system clock.</summary>
    public SenmlJsonCodec()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A codec that resolves relative times (RFC 8428 §4.5.3) against <paramref name="clock"/>.</summary>
    public SenmlJsonCodec(TimeProvider clock)
        : base(clock, cbor: false)
    {
    }
}
