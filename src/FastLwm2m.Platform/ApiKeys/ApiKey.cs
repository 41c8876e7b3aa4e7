namespace FastLwm2m.Platform.ApiKeys;

/// <summary>An API key as listed: everything but its secret, which is never kept.</summary>
/// <param name="Id">The public part of the key, used to look it up (8 characters).</param>
/// <param name="Name">What the administrator called it.</param>
/// <param name="Role">What its holder may do.</param>
/// <param name="Tenant">The tenant of a <see cref="ApiKeyRole.TenantAdministrator"/>; <see cref="TenantId.System"/> for a system administrator.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record ApiKey(string Id, string Name, ApiKeyRole Role, TenantId Tenant, DateTimeOffset CreatedAt);
