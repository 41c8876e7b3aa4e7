using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// The bytes of one value inside a TLV entry (Core §7.4.3 and Appendix C): TLV carries no type,
/// so the reader is told the type by the object model.
/// <list type="bullet">
/// <item>Integer and Time: 1, 2, 4 or 8 bytes, big-endian two's complement; written in the shortest.</item>
/// <item>Unsigned Integer: 1, 2, 4 or 8 bytes, big-endian unsigned; written in the shortest.</item>
/// <item>Float: 4 or 8 bytes IEEE 754; written in 4 only when that is exact (never for NaN).</item>
/// <item>Boolean: 1 byte, 0 or 1. Objlnk: 2 bytes object id, 2 bytes instance id.</item>
/// <item>String and Corelnk: UTF-8. Opaque: the bytes.</item>
/// </list>
/// </summary>
internal static class TlvValue
{
    private const int ObjectLinkLength = 2 * sizeof(ushort);

    /// <summary>The value length in bytes, or -1 for a value without a type (default).</summary>
    public static long GetLength(in Lwm2mValue value) => value.Type switch
    {
        ResourceType.String or ResourceType.Corelnk => Encoding.UTF8.GetByteCount(value.AsString()),
        ResourceType.Integer => IntegerLength(value.AsInteger()),
        ResourceType.Time => IntegerLength(value.AsUnixTime()),
        ResourceType.UnsignedInteger => UnsignedLength(value.AsUnsignedInteger()),
        ResourceType.Float => IsExactSingle(value.AsFloat()) ? sizeof(float) : sizeof(double),
        ResourceType.Boolean => 1,
        ResourceType.Opaque => value.AsOpaque().Length,
        ResourceType.Objlnk => ObjectLinkLength,
        _ => -1,
    };

    /// <summary>Writes the value (exactly <see cref="GetLength"/> bytes) and returns its length.</summary>
    public static int Write(Span<byte> destination, in Lwm2mValue value)
    {
        switch (value.Type)
        {
            case ResourceType.String or ResourceType.Corelnk:
                return Encoding.UTF8.GetBytes(value.AsString(), destination);
            case ResourceType.Integer:
                return WriteInteger(destination, value.AsInteger());
            case ResourceType.Time:
                return WriteInteger(destination, value.AsUnixTime());
            case ResourceType.UnsignedInteger:
                return WriteUnsigned(destination, value.AsUnsignedInteger());
            case ResourceType.Float:
                double d = value.AsFloat();
                if (IsExactSingle(d))
                {
                    BinaryPrimitives.WriteSingleBigEndian(destination, (float)d);
                    return sizeof(float);
                }

                BinaryPrimitives.WriteDoubleBigEndian(destination, d);
                return sizeof(double);
            case ResourceType.Boolean:
                destination[0] = value.AsBoolean() ? (byte)1 : (byte)0;
                return 1;
            case ResourceType.Opaque:
                byte[] bytes = value.AsOpaque();
                bytes.CopyTo(destination);
                return bytes.Length;
            case ResourceType.Objlnk:
                var link = value.AsObjectLink();
                BinaryPrimitives.WriteUInt16BigEndian(destination, link.ObjectId);
                BinaryPrimitives.WriteUInt16BigEndian(destination[sizeof(ushort)..], link.InstanceId);
                return ObjectLinkLength;
            default:
                throw new ArgumentException($"A {value.Type} value has no TLV form.", nameof(value));
        }
    }

    /// <summary>
    /// Reads a value of <paramref name="type"/> (None reads as Opaque). On failure
    /// <paramref name="reason"/> says why, without the path (the caller adds it).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, ResourceType type, out Lwm2mValue value, out string? reason)
    {
        value = default;
        reason = null;
        switch (type)
        {
            case ResourceType.String or ResourceType.Corelnk:
                if (!Utf8.IsValid(bytes))
                {
                    reason = $"the {type} value is not valid UTF-8";
                    return false;
                }

                string text = Encoding.UTF8.GetString(bytes);
                value = type == ResourceType.String ? Lwm2mValue.FromString(text) : Lwm2mValue.FromCoreLink(text);
                return true;

            case ResourceType.Integer or ResourceType.Time:
                if (!TryReadInteger(bytes, out long integer))
                {
                    reason = $"{(type == ResourceType.Integer ? "an Integer" : "a Time")} value is 1, 2, 4 or 8 bytes, not {bytes.Length}";
                    return false;
                }

                value = type == ResourceType.Integer ? Lwm2mValue.FromInteger(integer) : Lwm2mValue.FromUnixTime(integer);
                return true;

            case ResourceType.UnsignedInteger:
                if (!TryReadUnsigned(bytes, out ulong unsigned))
                {
                    reason = $"an UnsignedInteger value is 1, 2, 4 or 8 bytes, not {bytes.Length}";
                    return false;
                }

                value = Lwm2mValue.FromUnsignedInteger(unsigned);
                return true;

            case ResourceType.Float:
                if (bytes.Length == sizeof(float))
                {
                    value = Lwm2mValue.FromFloat(BinaryPrimitives.ReadSingleBigEndian(bytes));
                    return true;
                }

                if (bytes.Length == sizeof(double))
                {
                    value = Lwm2mValue.FromFloat(BinaryPrimitives.ReadDoubleBigEndian(bytes));
                    return true;
                }

                reason = $"a Float value is 4 or 8 bytes, not {bytes.Length}";
                return false;

            case ResourceType.Boolean:
                if (bytes.Length != 1 || bytes[0] > 1)
                {
                    reason = bytes.Length != 1
                        ? $"a Boolean value is 1 byte, not {bytes.Length}"
                        : $"a Boolean value is 0 or 1, not {bytes[0]}";
                    return false;
                }

                value = Lwm2mValue.FromBoolean(bytes[0] == 1);
                return true;

            case ResourceType.Objlnk:
                if (bytes.Length != ObjectLinkLength)
                {
                    reason = $"an Objlnk value is 4 bytes, not {bytes.Length}";
                    return false;
                }

                value = Lwm2mValue.FromObjectLink(new ObjectLink(
                    BinaryPrimitives.ReadUInt16BigEndian(bytes),
                    BinaryPrimitives.ReadUInt16BigEndian(bytes[sizeof(ushort)..])));
                return true;

            default:
                value = Lwm2mValue.FromOpaque(bytes.ToArray());
                return true;
        }
    }

    /// <summary>
    /// Whether a double survives a trip through a float bit for bit (then 4 bytes suffice). A NaN
    /// takes 8 bytes, so its payload arrives whatever the peer's conversions do with NaNs.
    /// </summary>
    public static bool IsExactSingle(double value) =>
        !double.IsNaN(value) && BitConverter.DoubleToInt64Bits((float)value) == BitConverter.DoubleToInt64Bits(value);

    private static int IntegerLength(long value) => value switch
    {
        >= sbyte.MinValue and <= sbyte.MaxValue => sizeof(sbyte),
        >= short.MinValue and <= short.MaxValue => sizeof(short),
        >= int.MinValue and <= int.MaxValue => sizeof(int),
        _ => sizeof(long),
    };

    private static int UnsignedLength(ulong value) => value switch
    {
        <= byte.MaxValue => sizeof(byte),
        <= ushort.MaxValue => sizeof(ushort),
        <= uint.MaxValue => sizeof(uint),
        _ => sizeof(ulong),
    };

    private static int WriteInteger(Span<byte> destination, long value)
    {
        switch (IntegerLength(value))
        {
            case sizeof(sbyte):
                destination[0] = unchecked((byte)(sbyte)value);
                return sizeof(sbyte);
            case sizeof(short):
                BinaryPrimitives.WriteInt16BigEndian(destination, (short)value);
                return sizeof(short);
            case sizeof(int):
                BinaryPrimitives.WriteInt32BigEndian(destination, (int)value);
                return sizeof(int);
            default:
                BinaryPrimitives.WriteInt64BigEndian(destination, value);
                return sizeof(long);
        }
    }

    private static int WriteUnsigned(Span<byte> destination, ulong value)
    {
        switch (UnsignedLength(value))
        {
            case sizeof(byte):
                destination[0] = (byte)value;
                return sizeof(byte);
            case sizeof(ushort):
                BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)value);
                return sizeof(ushort);
            case sizeof(uint):
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)value);
                return sizeof(uint);
            default:
                BinaryPrimitives.WriteUInt64BigEndian(destination, value);
                return sizeof(ulong);
        }
    }

    private static bool TryReadInteger(ReadOnlySpan<byte> bytes, out long value)
    {
        switch (bytes.Length)
        {
            case sizeof(sbyte):
                value = (sbyte)bytes[0];
                return true;
            case sizeof(short):
                value = BinaryPrimitives.ReadInt16BigEndian(bytes);
                return true;
            case sizeof(int):
                value = BinaryPrimitives.ReadInt32BigEndian(bytes);
                return true;
            case sizeof(long):
                value = BinaryPrimitives.ReadInt64BigEndian(bytes);
                return true;
            default:
                value = 0;
                return false;
        }
    }

    private static bool TryReadUnsigned(ReadOnlySpan<byte> bytes, out ulong value)
    {
        switch (bytes.Length)
        {
            case sizeof(byte):
                value = bytes[0];
                return true;
            case sizeof(ushort):
                value = BinaryPrimitives.ReadUInt16BigEndian(bytes);
                return true;
            case sizeof(uint):
                value = BinaryPrimitives.ReadUInt32BigEndian(bytes);
                return true;
            case sizeof(ulong):
                value = BinaryPrimitives.ReadUInt64BigEndian(bytes);
                return true;
            default:
                value = 0;
                return false;
        }
    }
}
