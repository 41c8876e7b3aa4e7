using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace FastLwm2m.Coap.Internal;

/// <summary>
/// The fixed 4-byte CoAP header (RFC 7252 §3): Ver (2 bits), T (2 bits), TKL (4 bits), Code (8
/// bits), Message ID (16 bits, network byte order).
/// </summary>
internal static class CoapHeader
{
    /// <summary>Size of the fixed header.</summary>
    public const int Size = sizeof(byte) + sizeof(byte) + sizeof(ushort);

    /// <summary>The only version defined (§3: other versions are silently ignored).</summary>
    public const int Version = 1;

    public const int VersionShift = 6;
    public const int TypeShift = 4;
    public const int TypeMask = 0x3;
    public const int TokenLengthMask = 0xF;

    public const int CodeOffset = 1;
    public const int MessageIdOffset = 2;

    /// <summary>Writes the 4 header bytes; <paramref name="destination"/> must hold <see cref="Size"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<byte> destination, CoapMessageType type, CoapCode code, ushort messageId, int tokenLength)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(MessageIdOffset), messageId);
        destination[CodeOffset] = code.Value;
        destination[0] = (byte)((Version << VersionShift) | (((int)type & TypeMask) << TypeShift) | tokenLength);
    }
}
