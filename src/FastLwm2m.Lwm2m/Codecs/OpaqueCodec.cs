using System.Buffers;
using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// application/octet-stream (42, Core §7.4.2): the bytes of one Opaque resource or resource
/// instance (e.g. a firmware package). A resource the model does not know is taken as Opaque;
/// one the model types otherwise is refused. Stateless and thread-safe.
/// </summary>
public sealed class OpaqueCodec : ILwm2mNodeCodec
{
    private const string Format = "application/octet-stream";

    /// <summary>A shared instance (the codec is stateless).</summary>
    public static OpaqueCodec Instance { get; } = new();

    /// <inheritdoc />
    public ushort ContentFormat => CoapContentFormat.OctetStream;

    /// <inheritdoc />
    public bool CanEncode(Lwm2mPath path, Lwm2mNode node) =>
        node is not null && ValueConversions.IsSingleValue(path, node) && ValueOf(node).Type == ResourceType.Opaque;

    /// <inheritdoc />
    public bool TryEncode(Lwm2mPath path, Lwm2mNode node, IObjectModelProvider models, IBufferWriter<byte> output, out string? error)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!ValueConversions.TryGetSingleValue(path, node, Format, out var value, out error))
        {
            return false;
        }

        if (value.Type != ResourceType.Opaque)
        {
            error = $"{Format} carries Opaque values; {path} is {ValueConversions.WithArticle(value.Type)}";
            return false;
        }

        output.Write(value.AsOpaque());
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

        if (model is not null && model.Type is not (ResourceType.Opaque or ResourceType.None))
        {
            error = $"{Format} carries Opaque values; {path} ({model.Name}) is {ValueConversions.WithArticle(model.Type)}";
            return false;
        }

        node = ValueConversions.CreateNode(path, Lwm2mValue.FromOpaque(payload.ToArray()));
        return true;
    }

    private static Lwm2mValue ValueOf(Lwm2mNode node) =>
        node is Lwm2mSingleResource r ? r.Value : ((Lwm2mResourceInstance)node).Value;
}
