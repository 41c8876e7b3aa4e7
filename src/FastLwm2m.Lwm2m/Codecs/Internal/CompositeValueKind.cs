namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>What a decoded composite entry carries, before the model gives it an LwM2M type.</summary>
internal enum CompositeValueKind : byte
{
    /// <summary>No value: a path alone (Read-Composite request, Write-Composite delete).</summary>
    None = 0,
    /// <summary>A number that fits a signed 64-bit integer.</summary>
    Integer,
    /// <summary>A number above <see cref="long.MaxValue"/> that fits an unsigned 64-bit integer.</summary>
    UnsignedInteger,
    /// <summary>A floating-point number.</summary>
    Float,
    /// <summary>A text string.</summary>
    String,
    /// <summary>A boolean.</summary>
    Boolean,
    /// <summary>Bytes (SenML <c>vd</c>, a CBOR byte string).</summary>
    Opaque,
    /// <summary>An object link (SenML <c>vlo</c>, LwM2M JSON <c>ov</c>).</summary>
    ObjectLink,
    /// <summary>An empty map in LwM2M CBOR: the container at the path exists and is empty.</summary>
    EmptyContainer,
}
