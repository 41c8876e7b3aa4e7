namespace FastLwm2m.Platform.ApiKeys;

/// <summary>What the holder of an API key may do on the control plane.</summary>
public enum ApiKeyRole
{
    /// <summary>The system administrator: every tenant's data and the system level.</summary>
    SystemAdministrator = 1,

    /// <summary>A tenant's administrator: that tenant's data only; system models are read-only.</summary>
    TenantAdministrator = 2,
}
