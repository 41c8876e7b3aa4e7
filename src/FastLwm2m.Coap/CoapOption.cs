namespace FastLwm2m.Coap;

/// <summary>One option of a parsed message: its number and a view of its value bytes.</summary>
public readonly ref struct CoapOption
{
    /// <summary>Creates an option view.</summary>
    public CoapOption(ushort number, ReadOnlySpan<byte> value)
    {
        Number = number;
        Value = value;
    }

    /// <summary>The option number (see <see cref="CoapOptionNumber"/>).</summary>
    public ushort Number { get; }

    /// <summary>The raw value bytes.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>
    /// The value as a uint option (§3.2: big-endian, leading zeros may be stripped, 0-4 bytes).
    /// Returns false if the value is longer than 4 bytes.
    /// </summary>
    public bool TryGetUInt32(out uint value)
    {
        value = 0;
        if (Value.Length > sizeof(uint))
        {
            return false;
        }

        foreach (byte b in Value)
        {
            value = (value << 8) | b;
        }

        return true;
    }
}
