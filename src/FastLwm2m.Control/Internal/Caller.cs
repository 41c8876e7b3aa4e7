using FastLwm2m.Platform;
using Grpc.Core;

namespace FastLwm2m.Control.Internal;

/// <summary>Who a call acts for.</summary>
internal static class Caller
{
    /// <summary>
    /// The tenant of the call: the <see cref="ControlMetadata.TenantHeader"/> header, else the
    /// system administrator. API keys replace this in the next increment.
    /// </summary>
    public static TenantId Tenant(ServerCallContext context)
    {
        string? value = context.RequestHeaders.GetValue(ControlMetadata.TenantHeader);
        return string.IsNullOrWhiteSpace(value) ? TenantId.System : new TenantId(value.Trim());
    }
}
