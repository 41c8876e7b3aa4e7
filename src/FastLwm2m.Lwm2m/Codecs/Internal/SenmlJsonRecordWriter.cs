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
            JsonValueWriter.Write<Fields>(json, leaf.Value);
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

    /// <summary>"3:0" into <paramref name="buffer"/>.</summary>
    public static ReadOnlySpan<char> FormatLink(ObjectLink link, Span<char> buffer)
    {
        link.ObjectId.TryFormat(buffer, out int length, provider: System.Globalization.CultureInfo.InvariantCulture);
        buffer[length++] = ':';
        link.InstanceId.TryFormat(buffer[length..], out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return buffer[..(length + written)];
    }

    /// <summary>SenML JSON's value fields (RFC 8428 §4.2, Core §7.4.5): vs, vb, vd (base64url without padding), vlo.</summary>
    private readonly struct Fields : IJsonValueFields
    {
        public static ReadOnlySpan<byte> StringField => "vs"u8;

        public static ReadOnlySpan<byte> BooleanField => "vb"u8;

        public static ReadOnlySpan<byte> OpaqueField => "vd"u8;

        public static ReadOnlySpan<byte> ObjectLinkField => "vlo"u8;

        public static int EncodeOpaque(ReadOnlySpan<byte> bytes, Span<byte> utf8) => CompositeBase64.EncodeUrl(bytes, utf8);
    }
}
