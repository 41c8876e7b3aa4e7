namespace FastLwm2m.Coap;

/// <summary>An option held on the heap: number and value bytes (used by <see cref="CoapMessage"/>).</summary>
public readonly record struct CoapOptionValue(ushort Number, byte[] Value)
{
    /// <summary>The value as a uint option (0 if longer than 4 bytes).</summary>
    public uint AsUInt32()
    {
        uint v = 0;
        if (Value.Length > sizeof(uint))
        {
            return 0;
        }

        foreach (byte b in Value)
        {
            v = (v << 8) | b;
        }

        return v;
    }

    /// <summary>The value as a UTF-8 string.</summary>
    public string AsString() => System.Text.Encoding.UTF8.GetString(Value);

    /// <summary>Encodes a uint in its shortest form (RFC 7252 §3.2).</summary>
    public static byte[] EncodeUInt32(uint value)
    {
        int length = value == 0 ? 0 : value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x1000000 ? 3 : 4;
        var bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)value;
            value >>= 8;
        }

        return bytes;
    }
}
