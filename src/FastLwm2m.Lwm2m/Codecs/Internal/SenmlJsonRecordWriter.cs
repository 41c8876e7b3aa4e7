using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>SenML JSON records (RFC 8428 §5): v, vs, vb, vd (base64url, no padding), vlo.</summary>
internal readonly struct SenmlJsonRecordWriter(Utf8JsonWriter json) : ISenmlRecordWriter
{
    /// <summary>
    /// Compact output; relaxed escaping so text such as "+02:00" is written as is (the default
    /// encoder escapes '+' and non-ASCII for HTML, which a CoAP payload has no use for).
    /// </summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    public void StartPack(int count) => json.WriteStartArray();

    public void EndPack() => json.WriteEndArray();

    public void WriteRecord(ReadOnlySpan<char> baseName, ReadOnlySpan<char> name, in CompositeLeaf leaf)
    {
        json.WriteStartObject();
        if (!baseName.IsEmpty)
        {
            json.WriteString("bn"u8, baseName);
        }

        if (!name.IsEmpty)
        {
            json.WriteString("n"u8, name);
        }

        if (leaf.Time is { } time)
        {
            WriteTime(json, "t"u8, time);
        }

        if (leaf.Kind == CompositeLeafKind.Value)
        {
            WriteValue(leaf.Value);
        }

        json.WriteEndObject();
    }

    /// <summary>Whole seconds as an integer, otherwise seconds with milliseconds.</summary>
    public static void WriteTime(Utf8JsonWriter json, ReadOnlySpan<byte> property, DateTimeOffset time)
    {
        if (CompositeTime.IsWholeSecond(time, out long seconds))
        {
            json.WriteNumber(property, seconds);
        }
        else
        {
            json.WriteNumber(property, CompositeTime.ToSeconds(time));
        }
    }

    private void WriteValue(in Lwm2mValue value)
    {
        switch (value.Type)
        {
            case ResourceType.String:
            case ResourceType.Corelnk:
                json.WriteString("vs"u8, value.AsString());
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
                json.WriteBoolean("vb"u8, value.AsBoolean());
                break;
            case ResourceType.Opaque:
                WriteData(value.AsOpaque());
                break;
            case ResourceType.Objlnk:
                Span<char> link = stackalloc char[16];
                json.WriteString("vlo"u8, FormatLink(value.AsObjectLink(), link));
                break;
        }
    }

    private void WriteData(byte[] bytes)
    {
        int max = CompositeBase64.MaxEncodedLength(bytes.Length);
        byte[]? rented = null;
        Span<byte> utf8 = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int length = CompositeBase64.EncodeUrl(bytes, utf8);
            json.WriteString("vd"u8, utf8[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>"3:0" into <paramref name="buffer"/>.</summary>
    public static ReadOnlySpan<char> FormatLink(ObjectLink link, Span<char> buffer)
    {
        link.ObjectId.TryFormat(buffer, out int length, provider: System.Globalization.CultureInfo.InvariantCulture);
        buffer[length++] = ':';
        link.InstanceId.TryFormat(buffer[length..], out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return buffer[..(length + written)];
    }
}
