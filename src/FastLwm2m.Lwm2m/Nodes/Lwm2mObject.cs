namespace FastLwm2m.Lwm2m;

/// <summary>An object with its instances.</summary>
public sealed class Lwm2mObject : Lwm2mNode, IEquatable<Lwm2mObject>
{
    /// <summary>Creates an object node.</summary>
    public Lwm2mObject(int id, IEnumerable<Lwm2mObjectInstance> instances) : base(id)
    {
        Instances = Index(instances, i => i.Id, "object instance");
    }

    /// <summary>Instances by id.</summary>
    public IReadOnlyDictionary<int, Lwm2mObjectInstance> Instances { get; }

    /// <inheritdoc />
    public bool Equals(Lwm2mObject? other) => other is not null && other.Id == Id && NodeEquality.SameEntries(Instances, other.Instances);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Lwm2mObject o && Equals(o);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Instances.Count);

    /// <inheritdoc />
    public override string ToString() => $"Object {Id} [{string.Join(", ", Instances.Values)}]";

    internal static IReadOnlyDictionary<int, T> Index<T>(IEnumerable<T> items, Func<T, int> id, string what) =>
        new SortedNodeMap<T>(items, id, what);
}
