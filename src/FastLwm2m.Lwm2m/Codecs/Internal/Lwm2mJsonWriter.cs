using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Writes LwM2M 1.0 JSON (LwM2M 1.0 §6.4.4): <c>{"bn":"/3/0/","e":[{"n":"0","sv":"…"},…]}</c>,
/// names relative to the base name; a single value at the path gets <c>bn</c> = its full path and an
/// entry without <c>n</c>. Numbers and Time in v, String and Corelnk in sv, opaque as base64 in sv,
/// booleans in bv, object links in ov; a timestamp as an absolute t in Unix seconds.
/// </summary>
internal static class Lwm2mJsonWriter
{
    public static void Write(Utf8JsonWriter json, List<CompositeLeaf> leaves, Lwm2mPath basePath, bool valueAtPath)
    {
        Span<char> text = stackalloc char[CompositePathText.MaxLength];
        json.WriteStartObject();
        int length = valueAtPath ? CompositePathText.FormatFull(basePath, text) : CompositePathText.FormatBase(basePath, text);
        json.WriteString("bn"u8, text[..length]);
        json.WriteStartArray("e"u8);
        foreach (var leaf in leaves)
        {
            json.WriteStartObject();
            int nameLength = CompositePathText.FormatRelative(leaf.Path, basePath.Depth, text);
            if (nameLength > 0)
            {
                json.WriteString("n"u8, text[..nameLength]);
            }

            JsonValueWriter.Write<Fields>(json, leaf.Value);
            if (leaf.Time is { } time)
            {
                SenmlJsonRecordWriter.WriteTime(json, "t"u8, time);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>LwM2M 1.0 JSON's value fields (§6.4.4): sv, bv, sv with standard base64 for opaque, ov.</summary>
    private readonly struct Fields : IJsonValueFields
    {
        public static ReadOnlySpan<byte> StringField => "sv"u8;

        public static ReadOnlySpan<byte> BooleanField => "bv"u8;

        public static ReadOnlySpan<byte> OpaqueField => "sv"u8;

        public static ReadOnlySpan<byte> ObjectLinkField => "ov"u8;

        public static int EncodeOpaque(ReadOnlySpan<byte> bytes, Span<byte> utf8) => CompositeBase64.EncodeStandard(bytes, utf8);
    }
}
