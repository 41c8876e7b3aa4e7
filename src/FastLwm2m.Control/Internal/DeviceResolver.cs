using FastLwm2m.Platform;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>Finds the caller's device a <see cref="V1.DeviceRef"/> names.</summary>
internal static class DeviceResolver
{
    /// <summary>The device, or NOT_FOUND; INVALID_ARGUMENT naming <paramref name="field"/> when the reference is empty or malformed.</summary>
    public static async Task<DeviceInfo> ResolveAsync(DeviceService devices, TenantId tenant, V1.DeviceRef? reference, string field, CancellationToken cancellationToken)
    {
        switch (reference?.RefCase ?? V1.DeviceRef.RefOneofCase.None)
        {
            case V1.DeviceRef.RefOneofCase.Id:
                if (!Guid.TryParse(reference!.Id, out Guid id))
                {
                    throw Errors.InvalidArgument($"{field}.id", $"not a UUID: '{reference.Id}'");
                }

                return await devices.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false)
                    ?? throw Errors.NotFound($"device {id} not found");
            case V1.DeviceRef.RefOneofCase.Endpoint:
                if (string.IsNullOrWhiteSpace(reference!.Endpoint))
                {
                    throw Errors.InvalidArgument($"{field}.endpoint", "required");
                }

                // Another tenant's device is reported as missing, not as forbidden: its existence is not the caller's business.
                DeviceInfo? device = devices.FindByEndpoint(reference.Endpoint);
                return device is not null && device.Tenant == tenant
                    ? device
                    : throw Errors.NotFound($"device '{reference.Endpoint}' not found");
            default:
                throw Errors.InvalidArgument(field, "required: give id or endpoint");
        }
    }
}
