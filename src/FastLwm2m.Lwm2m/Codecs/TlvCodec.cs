using System.Buffers;
using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// application/vnd.oma.lwm2m+tlv (11542), the LwM2M binary format (Core §7.4.3): objects,
/// object instances, single and multiple resources and resource instances.
/// <para>
/// Encoding follows the Core examples (§7.4.3.2): an object is a sequence of object instance
/// TLVs; an object instance is the sequence of its resource TLVs (no instance TLV around them); a
/// multiple resource is one Multiple Resource TLV holding its Resource Instance TLVs. Headers and
/// integers take their shortest form; a float takes 4 bytes only when that is exact.
/// </para>
/// <para>
/// Decoding takes the value types from the model (TLV carries none); a resource the model does not
/// know decodes as Opaque. It also accepts what deployed clients send: an object instance read
/// answered inside an object instance TLV, a single-instance object read answered with the
/// resources of its instance (LwM2M 1.0 clients), a multiple resource read answered with bare
/// resource instance TLVs. Duplicate ids, ids that do not match the path, TLVs nested where they
/// cannot be, truncated headers or lengths and trailing bytes are rejected with the offset.
/// </para>
/// Stateless and thread-safe.
/// </summary>
public sealed partial class TlvCodec : ILwm2mNodeCodec
{
    /// <summary>A shared instance (the codec is stateless).</summary>
    public static TlvCodec Instance { get; } = new();

    /// <inheritdoc />
    public ushort ContentFormat => CoapContentFormat.Lwm2mTlv;

    /// <inheritdoc />
    public bool CanEncode(Lwm2mPath path, Lwm2mNode node) => node is not null && TryCheckShape(path, node, out _);

    private static bool TryCheckShape(Lwm2mPath path, Lwm2mNode node, out string? error)
    {
        error = null;
        if (path.IsRoot)
        {
            error = "TLV: the root path / has no TLV form (encode an object, instance or resource)";
            return false;
        }

        (bool shapeOk, int expectedId, string expected) = path.Depth switch
        {
            1 => (node is Lwm2mObject, path.ObjectId, "an object"),
            2 => (node is Lwm2mObjectInstance, path.InstanceId, "an object instance"),
            3 => (node is Lwm2mResource, path.ResourceId, "a resource"),
            _ => (node is Lwm2mResourceInstance, path.ResourceInstanceId, "a resource instance"),
        };

        if (!shapeOk)
        {
            error = $"TLV: the node at {path} must be {expected}, not {node.GetType().Name}";
            return false;
        }

        if (node.Id != expectedId)
        {
            error = $"TLV: node id {node.Id} does not match the path {path}";
            return false;
        }

        return true;
    }

    /// <summary>The path of a child for messages; not <see cref="Lwm2mPath.Append"/>, which rejects the reserved id 65535.</summary>
    private static string ChildText(Lwm2mPath parent, int id) => parent.IsRoot ? $"/{id}" : $"{parent}/{id}";

    private static string Describe(TlvType type) => (type == TlvType.ObjectInstance ? "an " : "a ") + Name(type);

    private static string Name(TlvType type) => type switch
    {
        TlvType.ObjectInstance => "object instance TLV",
        TlvType.ResourceInstance => "resource instance TLV",
        TlvType.MultipleResource => "multiple resource TLV",
        _ => "resource TLV",
    };
}
