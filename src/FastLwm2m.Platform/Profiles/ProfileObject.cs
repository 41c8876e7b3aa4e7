using System.Text.Json.Serialization;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Profiles;

/// <summary>An object (id and version, as in the model library) a profile supports, with its resource mappings.</summary>
public sealed record ProfileObject
{
    /// <summary>The object id.</summary>
    public required int ObjectId { get; init; }

    /// <summary>The object version; must exist in the model library visible to the profile's tenant.</summary>
    public required ObjectVersion Version { get; init; }

    /// <summary>The mapped resources; resources with no flags are dropped on save.</summary>
    public IReadOnlyList<ProfileResource> Resources { get; init; } = [];

    /// <summary>"3_1.2": how validation messages name the object.</summary>
    [JsonIgnore]
    public string Label => $"{ObjectId}_{Version}";
}
