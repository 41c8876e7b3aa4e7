using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// Values as text/plain (Core §7.4.1 and Appendix C), read and written as UTF-8 without going
/// through <see cref="string"/> for numbers: String and Corelnk as they are; Integer, Unsigned
/// Integer and Time (Unix seconds) in decimal; Float in decimal, shortest round-trip form
/// ("R"; NaN and infinities as "NaN", "Infinity", "-Infinity"); Boolean "0" or "1"; Opaque in
/// base64; Objlnk "objectId:instanceId".
/// </summary>
internal static class TextValueFormat
{
    private const int MaxNumberLength = 32; // "-1.7976931348623157E+308" is 24 UTF-8 bytes
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles FloatStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Writes the text form of <paramref name="value"/>.</summary>
    public static void Write(IBufferWriter<byte> output, in Lwm2mValue value)
    {
        switch (value.Type)
        {
            case ResourceType.String or ResourceType.Corelnk:
                string text = value.AsString();
                int length = Encoding.UTF8.GetByteCount(text);
                output.Advance(Encoding.UTF8.GetBytes(text, output.GetSpan(length)));
                return;

            case ResourceType.Opaque:
                byte[] bytes = value.AsOpaque();
                var destination = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(bytes.Length));
                Base64.EncodeToUtf8(bytes, destination, out _, out int encoded);
                output.Advance(encoded);
                return;

            case ResourceType.Objlnk:
                var link = value.AsObjectLink();
                var span = output.GetSpan(MaxNumberLength);
                link.ObjectId.TryFormat(span, out int objectDigits, default, CultureInfo.InvariantCulture);
                span[objectDigits] = (byte)':';
                link.InstanceId.TryFormat(span[(objectDigits + 1)..], out int instanceDigits, default, CultureInfo.InvariantCulture);
                output.Advance(objectDigits + 1 + instanceDigits);
                return;

            default:
                var number = output.GetSpan(MaxNumberLength);
                int written = value.Type switch
                {
                    ResourceType.Integer => Format(value.AsInteger(), number),
                    ResourceType.Time => Format(value.AsUnixTime(), number),
                    ResourceType.UnsignedInteger => Format(value.AsUnsignedInteger(), number),
                    ResourceType.Float => FormatFloat(value.AsFloat(), number),
                    ResourceType.Boolean => WriteBoolean(value.AsBoolean(), number),
                    _ => throw new ArgumentException($"A {value.Type} value has no text form.", nameof(value)),
                };
                output.Advance(written);
                return;
        }
    }

    /// <summary>Parses the text form of a <paramref name="type"/> value; <paramref name="reason"/> says why not.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, ResourceType type, out Lwm2mValue value, out string? reason)
    {
        value = default;
        reason = null;
        if (!Utf8.IsValid(utf8))
        {
            reason = "the text is not valid UTF-8";
            return false;
        }

        switch (type)
        {
            case ResourceType.String:
                value = Lwm2mValue.FromString(Encoding.UTF8.GetString(utf8));
                return true;

            case ResourceType.Corelnk:
                value = Lwm2mValue.FromCoreLink(Encoding.UTF8.GetString(utf8));
                return true;

            case ResourceType.Integer or ResourceType.Time:
                if (!long.TryParse(utf8, IntegerStyle, CultureInfo.InvariantCulture, out long integer))
                {
                    reason = $"\"{Shorten(utf8)}\" is not {ValueConversions.WithArticle(type)} (a signed 64-bit decimal{(type == ResourceType.Time ? " of Unix seconds" : "")})";
                    return false;
                }

                value = type == ResourceType.Integer ? Lwm2mValue.FromInteger(integer) : Lwm2mValue.FromUnixTime(integer);
                return true;

            case ResourceType.UnsignedInteger:
                if (!ulong.TryParse(utf8, NumberStyles.None, CultureInfo.InvariantCulture, out ulong unsigned))
                {
                    reason = $"\"{Shorten(utf8)}\" is not an UnsignedInteger (an unsigned 64-bit decimal)";
                    return false;
                }

                value = Lwm2mValue.FromUnsignedInteger(unsigned);
                return true;

            case ResourceType.Float:
                if (!double.TryParse(utf8, FloatStyle, CultureInfo.InvariantCulture, out double d))
                {
                    reason = $"\"{Shorten(utf8)}\" is not a Float (a decimal number)";
                    return false;
                }

                value = Lwm2mValue.FromFloat(d);
                return true;

            case ResourceType.Boolean:
                if (utf8.Length != 1 || (utf8[0] != (byte)'0' && utf8[0] != (byte)'1'))
                {
                    reason = $"\"{Shorten(utf8)}\" is not a Boolean (\"0\" or \"1\")";
                    return false;
                }

                value = Lwm2mValue.FromBoolean(utf8[0] == (byte)'1');
                return true;

            case ResourceType.Opaque:
                if (!Base64.IsValid(utf8, out int decodedLength))
                {
                    reason = "the text is not base64, the text form of an Opaque value";
                    return false;
                }

                byte[] bytes = new byte[decodedLength];
                if (Base64.DecodeFromUtf8(utf8, bytes, out _, out int decoded) != OperationStatus.Done || decoded != decodedLength)
                {
                    reason = "the text is not base64, the text form of an Opaque value";
                    return false;
                }

                value = Lwm2mValue.FromOpaque(bytes);
                return true;

            case ResourceType.Objlnk:
                int colon = utf8.IndexOf((byte)':');
                if (colon <= 0
                    || !ushort.TryParse(utf8[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out ushort objectId)
                    || !ushort.TryParse(utf8[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out ushort instanceId))
                {
                    reason = $"\"{Shorten(utf8)}\" is not an Objlnk (\"objectId:instanceId\")";
                    return false;
                }

                value = Lwm2mValue.FromObjectLink(new ObjectLink(objectId, instanceId));
                return true;

            default:
                reason = $"a {type} resource has no value";
                return false;
        }
    }

    private static int Format(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
        return written;
    }

    private static int Format(ulong value, Span<byte> destination)
    {
        value.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture);
        return written;
    }

    private static int FormatFloat(double value, Span<byte> destination)
    {
        value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private static int WriteBoolean(bool value, Span<byte> destination)
    {
        destination[0] = value ? (byte)'1' : (byte)'0';
        return 1;
    }

    /// <summary>The start of a bad text, for a message.</summary>
    private static string Shorten(ReadOnlySpan<byte> utf8)
    {
        const int MaxShown = 32;
        string text = Encoding.UTF8.GetString(utf8.Length > MaxShown ? utf8[..MaxShown] : utf8);
        return utf8.Length > MaxShown ? text + "…" : text;
    }
}
