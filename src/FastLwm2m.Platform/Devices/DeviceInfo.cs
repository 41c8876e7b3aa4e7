namespace FastLwm2m.Platform;

/// <summary>What a read of a device shows: everything but the secrets (DESIGN: secrets are never returned).</summary>
public sealed record DeviceInfo
{
    /// <summary>The device's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The owning tenant.</summary>
    public required TenantId Tenant { get; init; }

    /// <summary>The device's display name.</summary>
    public required string Name { get; init; }

    /// <summary>The device profile it uses.</summary>
    public required Guid ProfileId { get; init; }

    /// <summary>The endpoint client name.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The kind of credentials.</summary>
    public required DeviceCredentialsType CredentialsType { get; init; }

    /// <summary>The non-secret identity: PSK identity, public key, certificate subject; null for NoSec and X.509 trusted by CA.</summary>
    public string? Identity { get; init; }

    /// <summary>Whether the server created it at its first registration.</summary>
    public bool AutoProvisioned { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
