namespace FastLwm2m.Lwm2m;

/// <summary>A resource: single (one value) or multiple (resource instances).</summary>
public abstract class Lwm2mResource : Lwm2mNode
{
    private protected Lwm2mResource(int id, ResourceType type) : base(id) => Type = type;

    /// <summary>The value type.</summary>
    public ResourceType Type { get; }

    /// <summary>Whether it has resource instances.</summary>
    public abstract bool IsMultiple { get; }
}
