namespace FastLwm2m.Lwm2m;

/// <summary>
/// An object's version, "major.minor" (the <c>ver</c> attribute of a registration link, the
/// <c>ObjectVersion</c> of a DDF file). Absent means 1.0 (LwM2M 1.1 Core §5.1.2).
/// </summary>
public readonly record struct ObjectVersion(byte Major, byte Minor) : IComparable<ObjectVersion>
{
    /// <summary>1.0, the version of an object whose link carries no <c>ver</c>.</summary>
    public static ObjectVersion Default => new(1, 0);

    /// <summary>Parses "1.2".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ObjectVersion version)
    {
        version = default;
        int dot = text.IndexOf('.');
        if (dot <= 0 || dot == text.Length - 1
            || !byte.TryParse(text[..dot], System.Globalization.NumberStyles.None, null, out byte major)
            || !byte.TryParse(text[(dot + 1)..], System.Globalization.NumberStyles.None, null, out byte minor))
        {
            return false;
        }

        version = new ObjectVersion(major, minor);
        return true;
    }

    /// <summary>Packed as major &lt;&lt; 8 | minor.</summary>
    public ushort Packed => (ushort)((Major << 8) | Minor);

    /// <summary>Unpacks <see cref="Packed"/>.</summary>
    public static ObjectVersion FromPacked(ushort packed) => new((byte)(packed >> 8), (byte)packed);

    /// <inheritdoc />
    public int CompareTo(ObjectVersion other) => Packed.CompareTo(other.Packed);

    /// <inheritdoc />
    public override string ToString() => $"{Major}.{Minor}";
}
