namespace FastLwm2m.Lwm2m;

/// <summary>A single-instance resource.</summary>
public sealed class Lwm2mSingleResource : Lwm2mResource, IEquatable<Lwm2mSingleResource>
{
    /// <summary>Creates a single resource.</summary>
    public Lwm2mSingleResource(int id, Lwm2mValue value) : base(id, value.Type) => Value = value;

    /// <summary>The value.</summary>
    public Lwm2mValue Value { get; }

    /// <inheritdoc />
    public override bool IsMultiple => false;

    /// <inheritdoc />
    public bool Equals(Lwm2mSingleResource? other) => other is not null && other.Id == Id && other.Value.Equals(Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Lwm2mSingleResource o && Equals(o);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Value);

    /// <inheritdoc />
    public override string ToString() => $"{Id}={Value}";
}
