using System.Globalization;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// One typed LwM2M value. Numbers, booleans, times and object links are held inline; strings,
/// opaque bytes and CoRE links by reference. Equality is by type and value (opaque by content).
/// </summary>
public readonly struct Lwm2mValue : IEquatable<Lwm2mValue>
{
    private readonly long _bits;     // Integer, UnsignedInteger (as bits), Float (as bits), Boolean, Time, Objlnk
    private readonly object? _ref;   // string (String, Corelnk) or byte[] (Opaque)

    private Lwm2mValue(ResourceType type, long bits, object? reference)
    {
        Type = type;
        _bits = bits;
        _ref = reference;
    }

    /// <summary>The type.</summary>
    public ResourceType Type { get; }

    /// <summary>A string value.</summary>
    public static Lwm2mValue FromString(string value) => new(ResourceType.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A signed integer.</summary>
    public static Lwm2mValue FromInteger(long value) => new(ResourceType.Integer, value, null);

    /// <summary>An unsigned integer.</summary>
    public static Lwm2mValue FromUnsignedInteger(ulong value) => new(ResourceType.UnsignedInteger, unchecked((long)value), null);

    /// <summary>A float.</summary>
    public static Lwm2mValue FromFloat(double value) => new(ResourceType.Float, BitConverter.DoubleToInt64Bits(value), null);

    /// <summary>A boolean.</summary>
    public static Lwm2mValue FromBoolean(bool value) => new(ResourceType.Boolean, value ? 1 : 0, null);

    /// <summary>Opaque bytes (the array is kept, not copied).</summary>
    public static Lwm2mValue FromOpaque(byte[] value) => new(ResourceType.Opaque, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A time (Unix seconds).</summary>
    public static Lwm2mValue FromTime(DateTimeOffset value) => new(ResourceType.Time, value.ToUnixTimeSeconds(), null);

    /// <summary>A time from Unix seconds.</summary>
    public static Lwm2mValue FromUnixTime(long seconds) => new(ResourceType.Time, seconds, null);

    /// <summary>An object link.</summary>
    public static Lwm2mValue FromObjectLink(ObjectLink value) => new(ResourceType.Objlnk, ((long)value.ObjectId << 16) | value.InstanceId, null);

    /// <summary>A CoRE link (RFC 6690 text).</summary>
    public static Lwm2mValue FromCoreLink(string value) => new(ResourceType.Corelnk, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>The string of a String or Corelnk value.</summary>
    public string AsString() => Type is ResourceType.String or ResourceType.Corelnk ? (string)_ref! : throw Mismatch(ResourceType.String);

    /// <summary>The value of an Integer (or Time) value.</summary>
    public long AsInteger() => Type is ResourceType.Integer or ResourceType.Time ? _bits : throw Mismatch(ResourceType.Integer);

    /// <summary>The value of an UnsignedInteger value.</summary>
    public ulong AsUnsignedInteger() => Type == ResourceType.UnsignedInteger ? unchecked((ulong)_bits) : throw Mismatch(ResourceType.UnsignedInteger);

    /// <summary>The value of a Float value.</summary>
    public double AsFloat() => Type == ResourceType.Float ? BitConverter.Int64BitsToDouble(_bits) : throw Mismatch(ResourceType.Float);

    /// <summary>The value of a Boolean value.</summary>
    public bool AsBoolean() => Type == ResourceType.Boolean ? _bits != 0 : throw Mismatch(ResourceType.Boolean);

    /// <summary>The bytes of an Opaque value.</summary>
    public byte[] AsOpaque() => Type == ResourceType.Opaque ? (byte[])_ref! : throw Mismatch(ResourceType.Opaque);

    /// <summary>The Unix seconds of a Time value.</summary>
    public long AsUnixTime() => Type == ResourceType.Time ? _bits : throw Mismatch(ResourceType.Time);

    /// <summary>The time of a Time value.</summary>
    public DateTimeOffset AsTime() => DateTimeOffset.FromUnixTimeSeconds(AsUnixTime());

    /// <summary>The link of an Objlnk value.</summary>
    public ObjectLink AsObjectLink() => Type == ResourceType.Objlnk ? new ObjectLink((ushort)(_bits >> 16), (ushort)_bits) : throw Mismatch(ResourceType.Objlnk);

    /// <summary>
    /// The value as the functional reference prints it in JSON results: numbers and booleans as
    /// such, opaque as hex, time as Unix seconds, object links as "3:0".
    /// </summary>
    public object ToJsonValue() => Type switch
    {
        ResourceType.String or ResourceType.Corelnk => (string)_ref!,
        ResourceType.Integer or ResourceType.Time => _bits,
        ResourceType.UnsignedInteger => unchecked((ulong)_bits),
        ResourceType.Float => BitConverter.Int64BitsToDouble(_bits),
        ResourceType.Boolean => _bits != 0,
        ResourceType.Opaque => Convert.ToHexStringLower((byte[])_ref!),
        ResourceType.Objlnk => AsObjectLink().ToString(),
        _ => "",
    };

    /// <inheritdoc />
    public bool Equals(Lwm2mValue other)
    {
        if (Type != other.Type)
        {
            return false;
        }

        return Type switch
        {
            ResourceType.String or ResourceType.Corelnk => string.Equals((string?)_ref, (string?)other._ref, StringComparison.Ordinal),
            ResourceType.Opaque => ((byte[])_ref!).AsSpan().SequenceEqual((byte[])other._ref!),
            _ => _bits == other._bits,
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Lwm2mValue v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode() => Type switch
    {
        ResourceType.String or ResourceType.Corelnk => HashCode.Combine(Type, (string?)_ref),
        ResourceType.Opaque => HashCode.Combine(Type, ((byte[])_ref!).Length),
        _ => HashCode.Combine(Type, _bits),
    };

    /// <summary>Equality.</summary>
    public static bool operator ==(Lwm2mValue a, Lwm2mValue b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Lwm2mValue a, Lwm2mValue b) => !a.Equals(b);

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        ResourceType.Float => AsFloat().ToString("R", CultureInfo.InvariantCulture),
        ResourceType.Boolean => AsBoolean() ? "true" : "false",
        _ => Convert.ToString(ToJsonValue(), CultureInfo.InvariantCulture) ?? "",
    };

    private InvalidOperationException Mismatch(ResourceType wanted) => new($"The value is {Type}, not {wanted}.");
}
