namespace FastLwm2m.Platform;

/// <summary>
/// A device as stored: who owns it, its profile and its credentials (secrets included). Read APIs
/// return <see cref="DeviceInfo"/> instead, which has no secret.
/// </summary>
/// <remarks><c>ToString</c> prints the credentials without their secret (see <see cref="PskCredentials"/>).</remarks>
public sealed record Device
{
    /// <summary>The device's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The owning tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>The device's display name.</summary>
    public required string Name { get; init; }

    /// <summary>The device profile it uses (by id; profiles are kept elsewhere).</summary>
    public required Guid ProfileId { get; init; }

    /// <summary>How the device identifies itself.</summary>
    public required DeviceCredentials Credentials { get; init; }

    /// <summary>Whether the server created it at its first registration (auto-provisioning) rather than an operator.</summary>
    public bool AutoProvisioned { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The endpoint client name (from the credentials).</summary>
    public string Endpoint => Credentials.Endpoint;

    /// <summary>The view of this device a read API returns: no secret.</summary>
    public DeviceInfo ToInfo() => new()
    {
        Id = Id,
        Tenant = Tenant,
        Name = Name,
        ProfileId = ProfileId,
        Endpoint = Endpoint,
        CredentialsType = Credentials.Type,
        Identity = Credentials.Identity,
        AutoProvisioned = AutoProvisioned,
        CreatedAt = CreatedAt,
    };
}
