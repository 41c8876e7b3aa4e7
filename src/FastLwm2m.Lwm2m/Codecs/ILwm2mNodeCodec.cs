using System.Buffers;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// Encodes and decodes the node at one path in one content format (Core §7.4 / Transport §7.4).
/// Decoding never throws on bad bytes: it returns false with a message saying what was wrong.
/// Models come from the model provider where the format needs them (TLV and text carry no
/// types; SenML carries no single/multiple distinction).
/// </summary>
public interface ILwm2mNodeCodec
{
    /// <summary>The CoAP Content-Format id (e.g. 11542 for TLV).</summary>
    ushort ContentFormat { get; }

    /// <summary>Whether this format can carry the node at <paramref name="path"/> (e.g. text only single values).</summary>
    bool CanEncode(Lwm2mPath path, Lwm2mNode node);

    /// <summary>Encodes <paramref name="node"/>, which is the node at <paramref name="path"/>.</summary>
    bool TryEncode(Lwm2mPath path, Lwm2mNode node, IObjectModelProvider models, IBufferWriter<byte> output, out string? error);

    /// <summary>Decodes the node at <paramref name="path"/> (object, instance, resource or resource instance).</summary>
    bool TryDecode(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, out Lwm2mNode? node, out string? error);
}
