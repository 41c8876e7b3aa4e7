using System.Buffers;
using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Writes an LwM2M value as the one value field of a JSON record, the same way in SenML JSON and
/// LwM2M 1.0 JSON: Integer, UnsignedInteger, Float and Time (Unix seconds) as the number <c>v</c>,
/// and String/Corelnk, Boolean, Opaque (base64) and Objlnk ("3:0") in the fields of an
/// <see cref="IJsonValueFields"/>.
/// </summary>
internal static class JsonValueWriter
{
    public static void Write<TFields>(Utf8JsonWriter json, in Lwm2mValue value)
        where TFields : struct, IJsonValueFields
    {
        switch (value.Type)
        {
            case ResourceType.String:
            case ResourceType.Corelnk:
                json.WriteString(TFields.StringField, value.AsString());
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
                json.WriteBoolean(TFields.BooleanField, value.AsBoolean());
                break;
            case ResourceType.Opaque:
                WriteOpaque<TFields>(json, value.AsOpaque());
                break;
            case ResourceType.Objlnk:
                Span<char> link = stackalloc char[16];
                json.WriteString(TFields.ObjectLinkField, SenmlJsonRecordWriter.FormatLink(value.AsObjectLink(), link));
                break;
        }
    }

    private static void WriteOpaque<TFields>(Utf8JsonWriter json, byte[] bytes)
        where TFields : struct, IJsonValueFields
    {
        int max = CompositeBase64.MaxEncodedLength(bytes.Length);
        byte[]? rented = null;
        Span<byte> utf8 = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int length = TFields.EncodeOpaque(bytes, utf8);
            json.WriteString(TFields.OpaqueField, utf8[..length]);
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
