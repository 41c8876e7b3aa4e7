using FastLwm2m.Platform;
using Grpc.Core;

namespace FastLwm2m.Control.Internal;

/// <summary>Who a call acts for.</summary>
internal static class Caller
{
    /// <summary>The <see cref="ServerCallContext.UserState"/> entry where <see cref="ApiKeyInterceptor"/> puts the authenticated tenant.</summary>
    public static readonly object TenantKey = new();

    /// <summary>
    /// The tenant of the call: with API keys on, the one <see cref="ApiKeyInterceptor"/> derived from
    /// the key; with them off, the <see cref="ControlMetadata.TenantHeader"/> header, else the system
    /// administrator.
    /// </summary>
    public static TenantId Tenant(ServerCallContext context)
    {
        if (context.UserState.TryGetValue(TenantKey, out object? authenticated) && authenticated is TenantId tenant)
        {
            return tenant;
        }

        string? value = context.RequestHeaders.GetValue(ControlMetadata.TenantHeader);
        return string.IsNullOrWhiteSpace(value) ? TenantId.System : new TenantId(value.Trim());
    }
}
