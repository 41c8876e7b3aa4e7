using System.Buffers;
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

            WriteValue(json, leaf.Value);
            if (leaf.Time is { } time)
            {
                SenmlJsonRecordWriter.WriteTime(json, "t"u8, time);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, in Lwm2mValue value)
    {
        switch (value.Type)
        {
            case ResourceType.String:
            case ResourceType.Corelnk:
                json.WriteString("sv"u8, value.AsString());
                break;
            case ResourceType.Integer:
                json.WriteNumber("v"u8, value.AsInteger());
                break;
            case ResourceType.Time:
                json.WriteNumber("v"u8, value.AsUnixTime());
                break;
            case ResourceType.UnsignedInteger:
                json.WriteNumber("v"u8, value.AsUnsignedInteger());
                break;
            case ResourceType.Float:
                json.WriteNumber("v"u8, value.AsFloat());
                break;
            case ResourceType.Boolean:
                json.WriteBoolean("bv"u8, value.AsBoolean());
                break;
            case ResourceType.Opaque:
                WriteBase64(json, value.AsOpaque());
                break;
            case ResourceType.Objlnk:
                Span<char> link = stackalloc char[16];
                json.WriteString("ov"u8, SenmlJsonRecordWriter.FormatLink(value.AsObjectLink(), link));
                break;
        }
    }

    private static void WriteBase64(Utf8JsonWriter json, byte[] bytes)
    {
        int max = CompositeBase64.MaxEncodedLength(bytes.Length);
        byte[]? rented = null;
        Span<byte> utf8 = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int length = CompositeBase64.EncodeStandard(bytes, utf8);
            json.WriteString("sv"u8, utf8[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
