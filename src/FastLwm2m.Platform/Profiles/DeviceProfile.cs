namespace FastLwm2m.Platform.Profiles;

/// <summary>An LwM2M device profile: the settings every device of the profile shares.</summary>
public sealed record DeviceProfile
{
    /// <summary>The profile id; <see cref="Guid.Empty"/> on create lets the service choose one.</summary>
    public Guid Id { get; init; }

    /// <summary>The owning tenant.</summary>
    public TenantId Tenant { get; init; }

    /// <summary>The name, unique within the tenant.</summary>
    public required string Name { get; init; }

    /// <summary>Free text.</summary>
    public string Description { get; init; } = "";

    /// <summary>The LwM2M transport configuration.</summary>
    public Lwm2mTransportConfiguration Transport { get; init; } = new();

    /// <summary>When it was last saved (set by <see cref="ProfileService"/>).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
