using System.Globalization;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// A value as a composite format carries it (a SenML record's v/vs/vb/vd/vlo, an LwM2M CBOR leaf),
/// not yet typed by the object model. Numbers and booleans inline, strings and bytes by reference.
/// </summary>
internal readonly struct CompositeValue
{
    private readonly long _bits;
    private readonly object? _ref;

    private CompositeValue(CompositeValueKind kind, long bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _ref = reference;
    }

    public CompositeValueKind Kind { get; }

    public bool HasValue => Kind is not CompositeValueKind.None and not CompositeValueKind.EmptyContainer;

    public long Integer => _bits;

    public ulong UnsignedInteger => unchecked((ulong)_bits);

    public double Float => BitConverter.Int64BitsToDouble(_bits);

    public bool Boolean => _bits != 0;

    public string String => (string)_ref!;

    public byte[] Opaque => (byte[])_ref!;

    public ObjectLink ObjectLink => new((ushort)(_bits >> 16), (ushort)_bits);

    public static CompositeValue None => default;

    public static CompositeValue EmptyContainer => new(CompositeValueKind.EmptyContainer, 0, null);

    public static CompositeValue FromInteger(long value) => new(CompositeValueKind.Integer, value, null);

    /// <summary>An unsigned number: kept as <see cref="CompositeValueKind.Integer"/> when it fits a long.</summary>
    public static CompositeValue FromUnsigned(ulong value) =>
        value <= long.MaxValue ? FromInteger((long)value) : new(CompositeValueKind.UnsignedInteger, unchecked((long)value), null);

    public static CompositeValue FromFloat(double value) => new(CompositeValueKind.Float, BitConverter.DoubleToInt64Bits(value), null);

    public static CompositeValue FromString(string value) => new(CompositeValueKind.String, 0, value);

    public static CompositeValue FromBoolean(bool value) => new(CompositeValueKind.Boolean, value ? 1 : 0, null);

    public static CompositeValue FromOpaque(byte[] value) => new(CompositeValueKind.Opaque, 0, value);

    public static CompositeValue FromObjectLink(ObjectLink value) => new(CompositeValueKind.ObjectLink, ((long)value.ObjectId << 16) | value.InstanceId, null);

    /// <summary>How error messages name what was found.</summary>
    public string Describe() => Kind switch
    {
        CompositeValueKind.Integer => "the integer " + Integer.ToString(CultureInfo.InvariantCulture),
        CompositeValueKind.UnsignedInteger => "the integer " + UnsignedInteger.ToString(CultureInfo.InvariantCulture),
        CompositeValueKind.Float => "the number " + Float.ToString("R", CultureInfo.InvariantCulture),
        CompositeValueKind.String => "a string",
        CompositeValueKind.Boolean => "a boolean",
        CompositeValueKind.Opaque => "bytes",
        CompositeValueKind.ObjectLink => "an object link",
        CompositeValueKind.EmptyContainer => "an empty map",
        _ => "no value",
    };
}
