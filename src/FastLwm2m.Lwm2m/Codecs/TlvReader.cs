using System.Buffers.Binary;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// Reads a sequence of TLV entries (Core §7.4.3) from a span, one level at a time: a container's
/// entries are read with <see cref="TlvEntry.ReadChildren"/>. Never throws on bad bytes; a failed
/// read consumes nothing. Being a struct, a copy is a free look-ahead.
/// </summary>
public ref struct TlvReader
{
    // Type byte (Core §7.4.3, Table 7.4.3-1): bits 7-6 type of identifier, bit 5 length of the
    // identifier (0: 8 bits, 1: 16 bits), bits 4-3 length type (0: none, the value length is in
    // bits 2-0; 1/2/3: an 8/16/24-bit length field follows the identifier).
    private const int IdentifierTypeShift = 6;
    private const byte SixteenBitIdentifier = 0x20;
    private const int LengthTypeShift = 3;
    private const byte LengthTypeMask = 0x03;
    private const byte InlineLengthMask = 0x07;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    /// <summary>Creates a reader over a TLV payload.</summary>
    public TlvReader(ReadOnlySpan<byte> data) : this(data, 0)
    {
    }

    internal TlvReader(ReadOnlySpan<byte> data, int baseOffset)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>Bytes read so far at this level.</summary>
    public readonly int BytesConsumed => _position;

    /// <summary>Whether every entry at this level has been read.</summary>
    public readonly bool IsAtEnd => _position >= _data.Length;

    /// <summary>Offset of the next entry in the outermost payload.</summary>
    public readonly int Offset => _baseOffset + _position;

    /// <summary>Reads the next entry; false at the end or on malformed bytes.</summary>
    public bool TryRead(out TlvEntry entry) => TryRead(out entry, out _);

    /// <summary>
    /// Reads the next entry. False with a null <paramref name="error"/> at the end of the data;
    /// false with the reason when the header is truncated or the length runs past the data.
    /// </summary>
    public bool TryRead(out TlvEntry entry, out string? error)
    {
        entry = default;
        error = null;
        int remaining = _data.Length - _position;
        if (remaining <= 0)
        {
            return false;
        }

        var span = _data[_position..];
        byte type = span[0];
        int idSize = (type & SixteenBitIdentifier) != 0 ? sizeof(ushort) : sizeof(byte);
        int lengthSize = (type >> LengthTypeShift) & LengthTypeMask;
        int headerSize = 1 + idSize + lengthSize;
        if (remaining < headerSize)
        {
            error = $"TLV: header of {headerSize} bytes truncated to {remaining} at offset {Offset}";
            return false;
        }

        int id = idSize == sizeof(byte) ? span[1] : BinaryPrimitives.ReadUInt16BigEndian(span[1..]);
        var lengthField = span.Slice(1 + idSize, lengthSize);
        int length = lengthSize switch
        {
            0 => type & InlineLengthMask,
            1 => lengthField[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(lengthField),
            _ => (lengthField[0] << 16) | (lengthField[1] << 8) | lengthField[2],
        };

        int available = remaining - headerSize;
        if (length > available)
        {
            error = $"TLV: length {length} exceeds the {available} remaining bytes at offset {Offset}";
            return false;
        }

        entry = new TlvEntry(
            (TlvType)(type >> IdentifierTypeShift),
            id,
            span.Slice(headerSize, length),
            Offset,
            Offset + headerSize);
        _position += headerSize + length;
        return true;
    }
}
