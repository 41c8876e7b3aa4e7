namespace FastLwm2m.Lwm2m;

/// <summary>A multiple-instance resource.</summary>
public sealed class Lwm2mMultipleResource : Lwm2mResource, IEquatable<Lwm2mMultipleResource>
{
    /// <summary>Creates a multiple resource; every instance must have <paramref name="type"/>.</summary>
    public Lwm2mMultipleResource(int id, ResourceType type, IEnumerable<Lwm2mResourceInstance> instances) : base(id, type)
    {
        Instances = Lwm2mObject.Index(instances, i => i.Id, "resource instance");
        foreach (var instance in Instances.Values)
        {
            if (instance.Value.Type != type)
            {
                throw new ArgumentException($"Resource instance {id}/{instance.Id} is {instance.Value.Type}, not {type}.");
            }
        }
    }

    /// <summary>Resource instances by id.</summary>
    public IReadOnlyDictionary<int, Lwm2mResourceInstance> Instances { get; }

    /// <inheritdoc />
    public override bool IsMultiple => true;

    /// <inheritdoc />
    public bool Equals(Lwm2mMultipleResource? other) => other is not null && other.Id == Id && other.Type == Type && NodeEquality.SameEntries(Instances, other.Instances);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Lwm2mMultipleResource o && Equals(o);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Type, Instances.Count);

    /// <inheritdoc />
    public override string ToString() => $"{Id}=[{string.Join(", ", Instances.Values)}]";
}
