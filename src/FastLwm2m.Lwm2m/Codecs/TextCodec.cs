using System.Buffers;
using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// text/plain (0, Core §7.4.1): one resource or resource instance value as UTF-8 text. The text
/// carries no type, so decoding needs the resource model and fails without it. Forms: see
/// Appendix C — decimal numbers, Boolean "0"/"1", Time as Unix seconds, Objlnk "3:0", Opaque in
/// base64. Stateless and thread-safe.
/// </summary>
public sealed class TextCodec : ILwm2mNodeCodec
{
    private const string Format = "text/plain";

    /// <summary>A shared instance (the codec is stateless).</summary>
    public static TextCodec Instance { get; } = new();

    /// <inheritdoc />
    public ushort ContentFormat => CoapContentFormat.TextPlain;

    /// <inheritdoc />
    public bool CanEncode(Lwm2mPath path, Lwm2mNode node) => node is not null && ValueConversions.IsSingleValue(path, node);

    /// <inheritdoc />
    public bool TryEncode(Lwm2mPath path, Lwm2mNode node, IObjectModelProvider models, IBufferWriter<byte> output, out string? error)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!ValueConversions.TryGetSingleValue(path, node, Format, out var value, out error))
        {
            return false;
        }

        TextValueFormat.Write(output, value);
        return true;
    }

    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, out Lwm2mNode? node, out string? error)
    {
        node = null;
        if (!ValueConversions.TryGetResourceModel(path, models, Format, out var model, out error))
        {
            return false;
        }

        if (model is null)
        {
            error = $"{Format}: no model for {path}, so the type of its text is unknown";
            return false;
        }

        if (model.Type == ResourceType.None)
        {
            error = $"{Format}: {path} ({model.Name}) has no value type; it is executable";
            return false;
        }

        if (!TextValueFormat.TryParse(payload, model.Type, out var value, out string? reason))
        {
            error = $"{Format}: {path} ({model.Name}): {reason}";
            return false;
        }

        node = ValueConversions.CreateNode(path, value);
        return true;
    }
}
