namespace FastLwm2m.Lwm2m;

/// <summary>
/// A node of the LwM2M data model (Leshan's vocabulary): an object, an object instance, a
/// single or multiple resource, or a resource instance. Immutable.
/// </summary>
public abstract class Lwm2mNode
{
    private protected Lwm2mNode(int id) => Id = id;

    /// <summary>The node's id within its parent.</summary>
    public int Id { get; }
}
