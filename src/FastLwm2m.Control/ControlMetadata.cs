namespace FastLwm2m.Control;

/// <summary>The gRPC metadata (request headers) the control plane reads.</summary>
public static class ControlMetadata
{
    /// <summary>
    /// Names the tenant a call acts for; absent or empty, the call acts as the system
    /// administrator. Until API keys arrive (the next increment) this header is trusted as is:
    /// bind the control plane to loopback or a trusted network only.
    /// </summary>
    public const string TenantHeader = "x-fastlwm2m-tenant";
}
