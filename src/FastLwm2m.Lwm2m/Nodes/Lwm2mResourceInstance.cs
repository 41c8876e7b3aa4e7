namespace FastLwm2m.Lwm2m;

/// <summary>One instance of a multiple resource.</summary>
public sealed class Lwm2mResourceInstance : Lwm2mNode, IEquatable<Lwm2mResourceInstance>
{
    /// <summary>Creates a resource instance.</summary>
    public Lwm2mResourceInstance(int id, Lwm2mValue value) : base(id) => Value = value;

    /// <summary>The value.</summary>
    public Lwm2mValue Value { get; }

    /// <inheritdoc />
    public bool Equals(Lwm2mResourceInstance? other) => other is not null && other.Id == Id && other.Value.Equals(Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Lwm2mResourceInstance o && Equals(o);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Value);

    /// <inheritdoc />
    public override string ToString() => $"{Id}={Value}";
}
