namespace FastLwm2m.Platform;

/// <summary>Where a model of the library comes from.</summary>
public enum ModelLevel
{
    /// <summary>Uploaded by the system administrator; every tenant sees it, no tenant can delete it.</summary>
    System,

    /// <summary>Uploaded by the tenant; overrides a system model of the same id and version for that tenant.</summary>
    Tenant,
}
