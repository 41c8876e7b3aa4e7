using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastLwm2m.Coap.Internal;

/// <summary>
/// Encoding and decoding of one option (RFC 7252 §3.1): a byte holding the 4-bit Option Delta and
/// the 4-bit Option Length, each followed by 0, 1 or 2 extended bytes, then the value. Shared by
/// the reader, the enumerator and both writers so that the format lives in one place.
/// </summary>
internal static class CoapOptionHeader
{
    /// <summary>The payload marker (§3): a byte that is not an option header.</summary>
    public const byte PayloadMarker = 0xFF;

    /// <summary>Nibble 13: an 8-bit extended value follows, minus 13.</summary>
    public const int OneByteNibble = 13;
    /// <summary>Nibble 14: a 16-bit extended value follows, minus 269.</summary>
    public const int TwoByteNibble = 14;
    /// <summary>Nibble 15: reserved (the payload marker when both nibbles are 15).</summary>
    public const int ReservedNibble = 15;

    /// <summary>Value encoded by nibble 13 with extended byte 0.</summary>
    public const int OneByteBase = OneByteNibble;
    /// <summary>Value encoded by nibble 14 with extended bytes 0x0000: 13 + 256.</summary>
    public const int TwoByteBase = OneByteBase + (byte.MaxValue + 1);

    /// <summary>Largest delta or length that the encoding can carry: 65535 + 269.</summary>
    public const int MaxEncodable = ushort.MaxValue + TwoByteBase;

    /// <summary>Largest option number (§3.1: the accumulated number is 16 bits).</summary>
    public const int MaxNumber = ushort.MaxValue;

    public const int NibbleShift = 4;
    public const int NibbleMask = 0xF;

    /// <summary>The largest option header: the nibble byte and two 2-byte extensions.</summary>
    public const int MaxHeaderSize = sizeof(byte) + sizeof(ushort) + sizeof(ushort);

    /// <summary>
    /// Decodes the option starting at <paramref name="bytes"/>[<paramref name="offset"/>], which
    /// must exist. Outputs are meaningful only on <see cref="CoapParseStatus.Ok"/>; nothing is
    /// consumed otherwise. A payload marker yields <see cref="CoapParseStatus.ReservedOptionDelta"/>:
    /// callers that accept a marker test for it first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CoapParseStatus TryRead(
        ReadOnlySpan<byte> bytes, int offset, int previousNumber, out int number, out int valueOffset, out int valueLength)
    {
        number = 0;
        valueOffset = 0;
        valueLength = 0;

        int first = bytes[offset];
        int delta = first >> NibbleShift;
        int length = first & NibbleMask;
        int position = offset + 1;

        if (delta == ReservedNibble)
        {
            return CoapParseStatus.ReservedOptionDelta;
        }

        if (length == ReservedNibble)
        {
            return CoapParseStatus.ReservedOptionLength;
        }

        // Extended delta bytes come before extended length bytes (§3.1, Figure 8).
        if (delta >= OneByteNibble && !TryReadExtended(bytes, ref position, ref delta))
        {
            return CoapParseStatus.TruncatedOptionHeader;
        }

        if (length >= OneByteNibble && !TryReadExtended(bytes, ref position, ref length))
        {
            return CoapParseStatus.TruncatedOptionHeader;
        }

        int next = previousNumber + delta;
        if (next > MaxNumber)
        {
            return CoapParseStatus.OptionNumberOverflow;
        }

        if (length > bytes.Length - position)
        {
            return CoapParseStatus.TruncatedOptionValue;
        }

        number = next;
        valueOffset = position;
        valueLength = length;
        return CoapParseStatus.Ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadExtended(ReadOnlySpan<byte> bytes, ref int position, ref int value)
    {
        if (value == OneByteNibble)
        {
            if (position >= bytes.Length)
            {
                return false;
            }

            value = bytes[position] + OneByteBase;
            position += sizeof(byte);
            return true;
        }

        if (bytes.Length - position < sizeof(ushort))
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(position)) + TwoByteBase;
        position += sizeof(ushort);
        return true;
    }

    /// <summary>Number of extended bytes for a delta or length (§3.1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExtendedSize(int value) => value < OneByteBase ? 0 : value < TwoByteBase ? sizeof(byte) : sizeof(ushort);

    /// <summary>Size of the option header (without the value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetHeaderSize(int delta, int length) => sizeof(byte) + ExtendedSize(delta) + ExtendedSize(length);

    /// <summary>
    /// Writes the option header for <paramref name="delta"/> and <paramref name="length"/> (both
    /// at most <see cref="MaxEncodable"/>); <paramref name="destination"/> must hold
    /// <see cref="GetHeaderSize"/> bytes. Returns the bytes written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteHeader(Span<byte> destination, int delta, int length)
    {
        int position = 1;
        int deltaNibble = WriteExtended(destination, ref position, delta);
        int lengthNibble = WriteExtended(destination, ref position, length);
        destination[0] = (byte)((deltaNibble << NibbleShift) | lengthNibble);
        return position;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteExtended(Span<byte> destination, ref int position, int value)
    {
        if (value < OneByteBase)
        {
            return value;
        }

        if (value < TwoByteBase)
        {
            destination[position] = (byte)(value - OneByteBase);
            position += sizeof(byte);
            return OneByteNibble;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(position), (ushort)(value - TwoByteBase));
        position += sizeof(ushort);
        return TwoByteNibble;
    }

    /// <summary>Length of a uint option value in its shortest form (§3.2: 0 has zero bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int GetUInt32Length(uint value) => (32 - BitOperations.LeadingZeroCount(value) + 7) >> 3;

    /// <summary>Writes the low <paramref name="length"/> bytes of <paramref name="value"/>, big-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteUInt32(Span<byte> destination, uint value, int length)
    {
        for (int i = length - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }
    }
}
