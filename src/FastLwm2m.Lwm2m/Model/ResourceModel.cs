namespace FastLwm2m.Lwm2m;

/// <summary>A resource definition from an object's DDF (Core Appendix D).</summary>
public sealed record ResourceModel
{
    /// <summary>Resource id.</summary>
    public required int Id { get; init; }

    /// <summary>Name, e.g. "Battery Level".</summary>
    public required string Name { get; init; }

    /// <summary>Allowed operations.</summary>
    public ResourceOperations Operations { get; init; }

    /// <summary>Whether it has resource instances (<c>MultipleInstances</c> = Multiple).</summary>
    public bool Multiple { get; init; }

    /// <summary>Whether a client must implement it.</summary>
    public bool Mandatory { get; init; }

    /// <summary>Data type (None for executable resources).</summary>
    public ResourceType Type { get; init; }

    /// <summary>Range or enumeration text, e.g. "0..100".</summary>
    public string RangeEnumeration { get; init; } = "";

    /// <summary>Units, e.g. "%".</summary>
    public string Units { get; init; } = "";

    /// <summary>Description.</summary>
    public string Description { get; init; } = "";
}
