namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// One TLV entry read by <see cref="TlvReader"/> (Core §7.4.3): its type of identifier, its id and
/// its value, a slice of the payload (for <see cref="TlvType.ObjectInstance"/> and
/// <see cref="TlvType.MultipleResource"/> the nested TLVs, read with <see cref="ReadChildren"/>).
/// </summary>
public readonly ref struct TlvEntry
{
    internal TlvEntry(TlvType type, int id, ReadOnlySpan<byte> value, int offset, int valueOffset)
    {
        Type = type;
        Id = id;
        Value = value;
        Offset = offset;
        ValueOffset = valueOffset;
    }

    /// <summary>The type of identifier (bits 7-6 of the type byte).</summary>
    public TlvType Type { get; }

    /// <summary>The object instance, resource or resource instance id (8 or 16 bits).</summary>
    public int Id { get; }

    /// <summary>The value bytes.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Offset of the type byte in the outermost payload (for error messages).</summary>
    public int Offset { get; }

    /// <summary>Offset of the first value byte in the outermost payload.</summary>
    public int ValueOffset { get; }

    /// <summary>Whether the value is a list of TLVs (object instance, multiple resource).</summary>
    public bool IsContainer => Type is TlvType.ObjectInstance or TlvType.MultipleResource;

    /// <summary>A reader over the nested TLVs of the value, reporting offsets in the outermost payload.</summary>
    public TlvReader ReadChildren() => new(Value, ValueOffset);
}
