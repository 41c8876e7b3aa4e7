using System.Collections.Frozen;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// The content formats a server or client speaks, by Content-Format id. Immutable and thread-safe.
/// </summary>
public sealed class Lwm2mCodecs
{
    private readonly FrozenDictionary<ushort, ILwm2mNodeCodec> _codecs;

    /// <summary>Creates a set from codecs (one per content format).</summary>
    public Lwm2mCodecs(IEnumerable<ILwm2mNodeCodec> codecs)
    {
        _codecs = codecs.ToFrozenDictionary(c => c.ContentFormat);
    }

    /// <summary>
    /// Every format FastLwm2m implements: text/plain, opaque, CBOR, TLV, LwM2M JSON, SenML JSON,
    /// SenML CBOR and LwM2M CBOR (link-format is handled by Discover itself).
    /// </summary>
    public static Lwm2mCodecs Default { get; } = new(
    [
        TextCodec.Instance,
        OpaqueCodec.Instance,
        CborCodec.Instance,
        TlvCodec.Instance,
        new Lwm2mJsonCodec(),
        new SenmlJsonCodec(),
        new SenmlCborCodec(),
        new Lwm2mCborCodec(),
    ]);

    /// <summary>The codec for a content format, or null.</summary>
    public ILwm2mNodeCodec? Get(ushort contentFormat) => _codecs.TryGetValue(contentFormat, out var c) ? c : null;

    /// <summary>The composite codec for a content format, or null.</summary>
    public ILwm2mCompositeCodec? GetComposite(ushort contentFormat) => Get(contentFormat) as ILwm2mCompositeCodec;

    /// <summary>The content formats supported.</summary>
    public IEnumerable<ushort> ContentFormats => _codecs.Keys;
}
