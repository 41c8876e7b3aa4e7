namespace FastLwm2m.Control;

/// <summary>The gRPC metadata (request headers) the control plane reads.</summary>
public static class ControlMetadata
{
    /// <summary>
    /// Names the tenant a call acts for; absent or empty, the call acts as the system
    /// administrator. With API keys on (<see cref="ControlContext.ApiKeys"/>), only a system
    /// administrator's key may name any tenant; a tenant administrator's key acts for its own tenant,
    /// and naming another is PERMISSION_DENIED. With API keys off the header is trusted as is: bind
    /// the control plane to loopback or a trusted network only.
    /// </summary>
    public const string TenantHeader = "x-fastlwm2m-tenant";

    /// <summary>Carries the API key as <c>Bearer flk_…</c>.</summary>
    public const string AuthorizationHeader = "authorization";

    /// <summary>Carries the API key as is (<c>flk_…</c>), for clients that cannot set <see cref="AuthorizationHeader"/>.</summary>
    public const string ApiKeyHeader = "x-api-key";
}
