namespace FastLwm2m.Lwm2m;

/// <summary>An object instance with its resources.</summary>
public sealed class Lwm2mObjectInstance : Lwm2mNode, IEquatable<Lwm2mObjectInstance>
{
    /// <summary>Creates an object instance node.</summary>
    public Lwm2mObjectInstance(int id, IEnumerable<Lwm2mResource> resources) : base(id)
    {
        Resources = Lwm2mObject.Index(resources, r => r.Id, "resource");
    }

    /// <summary>Resources by id.</summary>
    public IReadOnlyDictionary<int, Lwm2mResource> Resources { get; }

    /// <inheritdoc />
    public bool Equals(Lwm2mObjectInstance? other) => other is not null && other.Id == Id && NodeEquality.SameEntries(Resources, other.Resources);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Lwm2mObjectInstance o && Equals(o);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Resources.Count);

    /// <inheritdoc />
    public override string ToString() => $"Instance {Id} {{{string.Join(", ", Resources.Values)}}}";
}
