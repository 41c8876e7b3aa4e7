using System.Buffers.Binary;

namespace FastLwm2m.Coap;

/// <summary>
/// A CoAP token (0-8 bytes, RFC 7252 §5.3.1) held by value, so that it can key a dictionary
/// without allocating.
/// </summary>
public readonly struct CoapToken : IEquatable<CoapToken>
{
    /// <summary>The largest token length (§3).</summary>
    public const int MaxLength = 8;

    private readonly ulong _value;
    private readonly byte _length;

    /// <summary>Creates a token from up to 8 bytes.</summary>
    /// <exception cref="ArgumentException">More than 8 bytes.</exception>
    public CoapToken(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxLength)
        {
            throw new ArgumentException("A CoAP token has at most 8 bytes.", nameof(bytes));
        }

        Span<byte> buffer = stackalloc byte[MaxLength];
        buffer.Clear();
        bytes.CopyTo(buffer);
        _value = BinaryPrimitives.ReadUInt64BigEndian(buffer);
        _length = (byte)bytes.Length;
    }

    /// <summary>Creates a token of the given length from the high-order bytes of a value.</summary>
    public static CoapToken FromUInt64(ulong value, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)MaxLength, nameof(length));
        Span<byte> buffer = stackalloc byte[MaxLength];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        return new CoapToken(buffer[..length]);
    }

    /// <summary>Number of bytes, 0-8.</summary>
    public int Length => _length;

    /// <summary>The empty (zero-length) token.</summary>
    public static CoapToken Empty => default;

    /// <summary>Copies the token bytes into <paramref name="destination"/>; returns the length.</summary>
    public int CopyTo(Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, _value);
        buffer[.._length].CopyTo(destination);
        return _length;
    }

    /// <summary>The token bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[_length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Whether the token equals the given bytes.</summary>
    public bool Equals(ReadOnlySpan<byte> bytes) => bytes.Length <= MaxLength && Equals(new CoapToken(bytes));

    /// <inheritdoc />
    public bool Equals(CoapToken other) => _value == other._value && _length == other._length;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CoapToken t && Equals(t);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_value, _length);
    /// <summary>Equality.</summary>
    public static bool operator ==(CoapToken a, CoapToken b) => a.Equals(b);
    /// <summary>Inequality.</summary>
    public static bool operator !=(CoapToken a, CoapToken b) => !a.Equals(b);

    /// <summary>Hex form, e.g. "a1b2".</summary>
    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int n = CopyTo(buffer);
        return Convert.ToHexStringLower(buffer[..n]);
    }
}
