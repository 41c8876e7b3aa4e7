using System.Buffers;
using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Globalization;
using System.Text;
using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// application/cbor (60, Core §7.4.6): one resource or resource instance value as one CBOR data
/// item (RFC 8949). Integer and Time as major type 0/1 (Time also under tag 1), Unsigned Integer
/// as major type 0, Float as the shortest of half, single and double that is exact, Boolean as
/// true/false, String and Corelnk as a text string, Opaque as a byte string, Objlnk as the text
/// "3:0". Decoding converts to the model's type; without a model it takes the CBOR type (an
/// unsigned integer above Int64 as Unsigned Integer). Stateless and thread-safe.
/// </summary>
public sealed class CborCodec : ILwm2mNodeCodec
{
    private const string Format = "application/cbor";
    private const byte DoublePrecisionFloat = 0xFB; // major type 7, additional information 27 (RFC 8949 §3.3)

    /// <summary>A shared instance (the codec is stateless).</summary>
    public static CborCodec Instance { get; } = new();

    /// <inheritdoc />
    public ushort ContentFormat => CoapContentFormat.Cbor;

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

        var writer = new CborWriter(CborConformanceMode.Lax);
        switch (value.Type)
        {
            case ResourceType.String or ResourceType.Corelnk:
                writer.WriteTextString(WellFormed(value.AsString()));
                break;
            case ResourceType.Integer:
                writer.WriteInt64(value.AsInteger());
                break;
            case ResourceType.Time:
                writer.WriteInt64(value.AsUnixTime());
                break;
            case ResourceType.UnsignedInteger:
                writer.WriteUInt64(value.AsUnsignedInteger());
                break;
            case ResourceType.Float:
                WriteFloat(writer, value.AsFloat());
                break;
            case ResourceType.Boolean:
                writer.WriteBoolean(value.AsBoolean());
                break;
            case ResourceType.Opaque:
                writer.WriteByteString(value.AsOpaque());
                break;
            default:
                writer.WriteTextString(value.AsObjectLink().ToString());
                break;
        }

        int length = writer.BytesWritten;
        writer.Encode(output.GetSpan(length));
        output.Advance(length);
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

        if (payload.IsEmpty)
        {
            error = $"CBOR: empty payload for {path}";
            return false;
        }

        ResourceType? type = model?.Type is { } t and not ResourceType.None ? t : null;
        var reader = new CborReader(payload.ToArray(), CborConformanceMode.Strict, allowMultipleRootLevelValues: true);
        string? reason;
        Lwm2mValue value;
        try
        {
            if (!TryReadValue(reader, type, out value, out reason))
            {
                error = $"CBOR: {path}: {reason}";
                return false;
            }
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or OverflowException or DecoderFallbackException)
        {
            // CborReader reports malformed data by throwing; this codec reports it as a result.
            error = $"CBOR: {path}: {e.Message}";
            return false;
        }

        if (reader.BytesRemaining != 0)
        {
            error = $"CBOR: {reader.BytesRemaining} bytes after the value of {path}";
            return false;
        }

        node = ValueConversions.CreateNode(path, value);
        return true;
    }

    private static bool TryReadValue(CborReader reader, ResourceType? type, out Lwm2mValue value, out string? reason)
    {
        value = default;
        reason = null;
        var state = reader.PeekState();
        if (state == CborReaderState.Tag)
        {
            var tag = reader.ReadTag();
            if (tag != CborTag.UnixTimeSeconds || type is not (null or ResourceType.Time))
            {
                reason = $"tag {(ulong)tag} is not expected{(type is null ? "" : $" for {ValueConversions.WithArticle(type.Value)}")}";
                return false;
            }

            // RFC 8949 §3.4.2: epoch-based date/time, an integer or a float of seconds.
            return TryReadEpochTime(reader, out value, out reason);
        }

        switch (state)
        {
            case CborReaderState.UnsignedInteger:
                ulong unsigned = reader.ReadUInt64();
                switch (type)
                {
                    case null:
                        value = unsigned <= long.MaxValue ? Lwm2mValue.FromInteger((long)unsigned) : Lwm2mValue.FromUnsignedInteger(unsigned);
                        return true;
                    case ResourceType.UnsignedInteger:
                        value = Lwm2mValue.FromUnsignedInteger(unsigned);
                        return true;
                    case ResourceType.Integer or ResourceType.Time when unsigned <= long.MaxValue:
                        value = type == ResourceType.Integer ? Lwm2mValue.FromInteger((long)unsigned) : Lwm2mValue.FromUnixTime((long)unsigned);
                        return true;
                    case ResourceType.Integer or ResourceType.Time:
                        reason = $"{unsigned} is out of range for {ValueConversions.WithArticle(type.Value)} (64-bit signed)";
                        return false;
                    case ResourceType.Float:
                        value = Lwm2mValue.FromFloat(unsigned);
                        return true;
                }

                break;

            case CborReaderState.NegativeInteger:
                if (type is ResourceType.UnsignedInteger)
                {
                    reason = "a negative integer is not an UnsignedInteger";
                    return false;
                }

                if (type is null or ResourceType.Integer or ResourceType.Time or ResourceType.Float)
                {
                    long integer = reader.ReadInt64();
                    value = type switch
                    {
                        ResourceType.Time => Lwm2mValue.FromUnixTime(integer),
                        ResourceType.Float => Lwm2mValue.FromFloat(integer),
                        _ => Lwm2mValue.FromInteger(integer),
                    };
                    return true;
                }

                break;

            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                if (type is null or ResourceType.Float)
                {
                    value = Lwm2mValue.FromFloat(reader.ReadDouble());
                    return true;
                }

                break;

            case CborReaderState.Boolean:
                if (type is null or ResourceType.Boolean)
                {
                    value = Lwm2mValue.FromBoolean(reader.ReadBoolean());
                    return true;
                }

                break;

            case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                if (type is null or ResourceType.String or ResourceType.Corelnk or ResourceType.Objlnk)
                {
                    string text = reader.ReadTextString();
                    if (type == ResourceType.Objlnk)
                    {
                        if (!ObjectLink.TryParse(text, out var link))
                        {
                            reason = $"\"{text}\" is not an Objlnk (\"objectId:instanceId\")";
                            return false;
                        }

                        value = Lwm2mValue.FromObjectLink(link);
                        return true;
                    }

                    value = type == ResourceType.Corelnk ? Lwm2mValue.FromCoreLink(text) : Lwm2mValue.FromString(text);
                    return true;
                }

                break;

            case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                if (type is null or ResourceType.Opaque)
                {
                    value = Lwm2mValue.FromOpaque(reader.ReadByteString());
                    return true;
                }

                break;

            default:
                reason = $"{Describe(state)} is not a single value";
                return false;
        }

        reason = $"the payload holds {Describe(state)}, not {ValueConversions.WithArticle(type!.Value)}";
        return false;
    }

    private static bool TryReadEpochTime(CborReader reader, out Lwm2mValue value, out string? reason)
    {
        value = default;
        reason = null;
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                value = Lwm2mValue.FromUnixTime(reader.ReadInt64());
                return true;
            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                double seconds = reader.ReadDouble();
                if (double.IsFinite(seconds) && seconds == Math.Floor(seconds) && seconds is >= -9.2233720368547758E+18 and < 9.2233720368547758E+18)
                {
                    value = Lwm2mValue.FromUnixTime((long)seconds);
                    return true;
                }

                reason = $"a Time has whole seconds, not {seconds.ToString("R", CultureInfo.InvariantCulture)}";
                return false;
            default:
                reason = $"tag 1 holds {Describe(reader.PeekState())}, not a number of seconds";
                return false;
        }
    }

    /// <summary>
    /// RFC 8949 §3.3: the shortest of half, single and double that holds the value exactly. A NaN
    /// is written as a double: its payload survives, and Half conversions of NaN payloads differ
    /// between the software and hardware paths the JIT may choose.
    /// </summary>
    private static void WriteFloat(CborWriter writer, double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        if (double.IsNaN(value))
        {
            // CborWriter turns every NaN into the half 0xF97E00; keep the 64 bits.
            Span<byte> encoded = stackalloc byte[1 + sizeof(double)];
            encoded[0] = DoublePrecisionFloat;
            BinaryPrimitives.WriteInt64BigEndian(encoded[1..], bits);
            writer.WriteEncodedValue(encoded);
        }
        else if (BitConverter.DoubleToInt64Bits((double)(Half)value) == bits)
        {
            writer.WriteHalf((Half)value);
        }
        else if (BitConverter.DoubleToInt64Bits((float)value) == bits)
        {
            writer.WriteSingle((float)value);
        }
        else
        {
            writer.WriteDouble(value);
        }
    }

    /// <summary>Lone surrogates cannot be UTF-8: they become U+FFFD, as in the other formats.</summary>
    private static string WellFormed(string text) =>
        text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 ? text : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static string Describe(CborReaderState state) => state switch
    {
        CborReaderState.UnsignedInteger => "an unsigned integer",
        CborReaderState.NegativeInteger => "a negative integer",
        CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString => "a byte string",
        CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString => "a text string",
        CborReaderState.StartArray => "an array",
        CborReaderState.StartMap => "a map",
        CborReaderState.Tag => "a tag",
        CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat => "a float",
        CborReaderState.Boolean => "a boolean",
        CborReaderState.Null => "null",
        CborReaderState.Undefined => "undefined",
        CborReaderState.SimpleValue => "a simple value",
        _ => $"{state}",
    };
}
