using System.Buffers;
using System.Buffers.Binary;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// Writes TLV headers (Core §7.4.3, Table 7.4.3-1) in their shortest form: an 8-bit identifier
/// when it fits, the value length in the type byte when under 8, else an 8, 16 or 24-bit length.
/// </summary>
public static class TlvWriter
{
    /// <summary>The largest value a TLV can carry (a 24-bit length).</summary>
    public const int MaxValueLength = 0xFF_FFFF;

    /// <summary>The largest identifier (16 bits).</summary>
    public const int MaxId = ushort.MaxValue;

    /// <summary>The longest header: type byte, 16-bit id, 24-bit length.</summary>
    public const int MaxHeaderLength = 1 + sizeof(ushort) + 3;

    private const int InlineLengthLimit = 8;

    /// <summary>The header length for an entry with <paramref name="id"/> and a value of <paramref name="valueLength"/> bytes.</summary>
    public static int GetHeaderLength(int id, int valueLength)
    {
        CheckArguments(id, valueLength);
        return 1 + (id > byte.MaxValue ? sizeof(ushort) : sizeof(byte)) + LengthFieldSize(valueLength);
    }

    /// <summary>Writes a header into <paramref name="destination"/> and returns its length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id or length does not fit a TLV, or the destination is too short.</exception>
    public static int WriteHeader(Span<byte> destination, TlvType type, int id, int valueLength)
    {
        int headerLength = GetHeaderLength(id, valueLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, headerLength, nameof(destination));
        int lengthSize = LengthFieldSize(valueLength);
        bool wideId = id > byte.MaxValue;
        int typeByte = ((int)type << 6) | (wideId ? 0x20 : 0) | (lengthSize << 3) | (lengthSize == 0 ? valueLength : 0);
        destination[0] = (byte)typeByte;
        int position = 1;
        if (wideId)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[position..], (ushort)id);
            position += sizeof(ushort);
        }
        else
        {
            destination[position++] = (byte)id;
        }

        for (int shift = (lengthSize - 1) * 8; shift >= 0; shift -= 8)
        {
            destination[position++] = (byte)(valueLength >> shift);
        }

        return position;
    }

    /// <summary>Writes a whole entry (header and value) into <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id or value length does not fit a TLV.</exception>
    public static void Write(IBufferWriter<byte> output, TlvType type, int id, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        int headerLength = GetHeaderLength(id, value.Length);
        var span = output.GetSpan(headerLength + value.Length);
        WriteHeader(span, type, id, value.Length);
        value.CopyTo(span[headerLength..]);
        output.Advance(headerLength + value.Length);
    }

    private static int LengthFieldSize(int valueLength) => valueLength switch
    {
        < InlineLengthLimit => 0,
        <= byte.MaxValue => 1,
        <= ushort.MaxValue => 2,
        _ => 3,
    };

    private static void CheckArguments(int id, int valueLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, MaxId);
        ArgumentOutOfRangeException.ThrowIfNegative(valueLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(valueLength, MaxValueLength);
    }
}
