namespace FastLwm2m.Coap;

/// <summary>
/// The value of a Block1 or Block2 option (RFC 7959 §2.2): block number NUM, the More flag M
/// and the size exponent SZX (block size = 2^(SZX+4), 16-1024 bytes).
/// </summary>
public readonly struct BlockOption : IEquatable<BlockOption>
{
    /// <summary>The largest block number that fits the 20-bit NUM field.</summary>
    public const uint MaxNumber = (1u << 20) - 1;

    /// <summary>Creates a block option value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NUM above 2^20-1 or SZX above 6.</exception>
    public BlockOption(uint number, bool more, int szx)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxNumber, nameof(number));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)szx, 6u, nameof(szx));
        Number = number;
        More = more;
        Szx = szx;
    }

    /// <summary>Block number NUM.</summary>
    public uint Number { get; }
    /// <summary>More flag M.</summary>
    public bool More { get; }
    /// <summary>Size exponent SZX (0-6).</summary>
    public int Szx { get; }
    /// <summary>Block size in bytes: 16 &lt;&lt; SZX.</summary>
    public int Size => 16 << Szx;
    /// <summary>Byte offset of this block: NUM * size.</summary>
    public long Offset => (long)Number * Size;

    /// <summary>SZX for a block size (16, 32, ..., 1024); rounds down to a power of two.</summary>
    public static int SzxFromSize(int size)
    {
        int szx = 0;
        while (szx < 6 && (16 << (szx + 1)) <= size)
        {
            szx++;
        }

        return szx;
    }

    /// <summary>
    /// Decodes an option value. SZX 7 is reserved (§2.2) and a value above 24 bits is invalid:
    /// both return false.
    /// </summary>
    public static bool TryDecode(uint value, out BlockOption block)
    {
        int szx = (int)(value & 0x7);
        if (szx == 7 || value > 0xFFFFFF)
        {
            block = default;
            return false;
        }

        block = new BlockOption(value >> 4, (value & 0x8) != 0, szx);
        return true;
    }

    /// <summary>Encodes to the uint option value.</summary>
    public uint Encode() => (Number << 4) | (More ? 0x8u : 0u) | (uint)Szx;

    /// <inheritdoc />
    public bool Equals(BlockOption other) => Encode() == other.Encode();
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BlockOption b && Equals(b);
    /// <inheritdoc />
    public override int GetHashCode() => (int)Encode();
    /// <inheritdoc />
    public override string ToString() => $"{Number}/{(More ? 1 : 0)}/{Size}";
}
