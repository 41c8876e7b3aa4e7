namespace FastLwm2m.Platform;

/// <summary>
/// Auto-provisioning: configuration section <c>FastLwm2m:Provisioning</c> (environment
/// <c>FastLwm2m__Provisioning__AutoProvisionNoSec</c>, …).
/// </summary>
public sealed class ProvisioningOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FastLwm2m:Provisioning";

    /// <summary>
    /// Whether an unknown endpoint registering on the plain port gets a NoSec device created for it
    /// (marked <see cref="Device.AutoProvisioned"/>) instead of a 4.03. Off by default: anyone
    /// reaching the port becomes a device. For quick starts, demos and load tests.
    /// </summary>
    public bool AutoProvisionNoSec { get; set; }

    /// <summary>The name of the profile auto-provisioned devices get; null: the built-in default profile. Resolved by the host into <see cref="DefaultProfileId"/> or the authorizer's callback.</summary>
    public string? DefaultProfile { get; set; }

    /// <summary>The id of the profile auto-provisioned devices get; when null the authorizer asks its default-profile callback.</summary>
    public Guid? DefaultProfileId { get; set; }

    /// <summary>The tenant that owns auto-provisioned devices; null or empty: <see cref="TenantId.System"/>.</summary>
    public string? Tenant { get; set; }

    /// <summary><see cref="Tenant"/> as a <see cref="TenantId"/>.</summary>
    public TenantId TenantId => string.IsNullOrWhiteSpace(Tenant) ? TenantId.System : new TenantId(Tenant);
}
