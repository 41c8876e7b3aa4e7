using System.Text.Json.Serialization;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Profiles;

/// <summary>The mapping of one resource of a profile object: what the platform does with it and under which key.</summary>
public sealed record ProfileResource
{
    /// <summary>The object instance (0 unless the profile names another one).</summary>
    public int InstanceId { get; init; }

    /// <summary>The resource id.</summary>
    public required int ResourceId { get; init; }

    /// <summary>Read on Register/Update and stored as an attribute; a shared-attribute change becomes a Write.</summary>
    public bool Attribute { get; init; }

    /// <summary>Stored as telemetry.</summary>
    public bool Telemetry { get; init; }

    /// <summary>Observed, so the value is kept up to date.</summary>
    public bool Observe { get; init; }

    /// <summary>
    /// The attribute/telemetry key, unique within the profile. Null or empty on input: generated from
    /// the resource name (<see cref="KeyNames.FromResourceName"/>) when the profile is saved.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>Whether any of <see cref="Attribute"/>, <see cref="Telemetry"/>, <see cref="Observe"/> is set.</summary>
    [JsonIgnore]
    public bool HasFlags => Attribute || Telemetry || Observe;

    /// <summary>The resource's path with the object version, e.g. "/3_1.2/0/9".</summary>
    public Lwm2mPath PathIn(ProfileObject owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return Lwm2mPath.Resource(owner.ObjectId, InstanceId, ResourceId).WithVersion(owner.Version);
    }
}
