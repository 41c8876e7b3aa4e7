using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>Every content format FastLwm2m implements (Core §7.4).</summary>
internal static class DefaultCodecs
{
    public static Lwm2mCodecs Create(TimeProvider clock) => new(
    [
        TextCodec.Instance,
        OpaqueCodec.Instance,
        CborCodec.Instance,
        TlvCodec.Instance,
        new SenmlJsonCodec(clock),
        new SenmlCborCodec(clock),
        new Lwm2mCborCodec(),
        new Lwm2mJsonCodec(clock),
    ]);
}
