namespace FastLwm2m.Lwm2m;

/// <summary>An object definition from a DDF file (Core Appendix D): keyed by (id, version).</summary>
public sealed record ObjectModel
{
    /// <summary>Object id.</summary>
    public required int Id { get; init; }

    /// <summary>Name, e.g. "Device".</summary>
    public required string Name { get; init; }

    /// <summary>Object version (<c>ObjectVersion</c>; 1.0 when absent).</summary>
    public ObjectVersion Version { get; init; } = ObjectVersion.Default;

    /// <summary>The LwM2M version it was defined for (<c>LWM2MVersion</c>; 1.0 when absent).</summary>
    public string Lwm2mVersion { get; init; } = "1.0";

    /// <summary>URN, e.g. "urn:oma:lwm2m:oma:3:1.2".</summary>
    public string Urn { get; init; } = "";

    /// <summary>Whether it can have several instances.</summary>
    public bool MultipleInstances { get; init; }

    /// <summary>Whether a client must implement it.</summary>
    public bool Mandatory { get; init; }

    /// <summary>Description (Description1).</summary>
    public string Description { get; init; } = "";

    /// <summary>Second description (Description2), often empty.</summary>
    public string Description2 { get; init; } = "";

    /// <summary>Resources by id.</summary>
    public required IReadOnlyDictionary<int, ResourceModel> Resources { get; init; }

    /// <summary>The resource definition, or null.</summary>
    public ResourceModel? GetResource(int id) => Resources.TryGetValue(id, out var r) ? r : null;
}
