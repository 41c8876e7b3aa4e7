using Microsoft.Extensions.Logging;

namespace FastLwm2m.Platform.Internal;

/// <summary>Log messages of device management and registration authorization (stable event ids 4100-4199). Never logs a secret.</summary>
internal static partial class DeviceLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Endpoint [{Endpoint}] auto-provisioned as device {DeviceId} (tenant {Tenant}, profile {ProfileId})")]
    public static partial void AutoProvisioned(ILogger logger, string endpoint, Guid deviceId, TenantId tenant, Guid profileId);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "Endpoint [{Endpoint}] auto-provisioned device {DeviceId} could not be stored; it is known until the server stops")]
    public static partial void PersistFailed(ILogger logger, string endpoint, Guid deviceId, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Refused registration of endpoint [{Endpoint}]: {Reason}")]
    public static partial void Refused(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Device {DeviceId} (endpoint [{Endpoint}]) was deleted, but cleaning up after it failed")]
    public static partial void DeletedHandlerFailed(ILogger logger, Guid deviceId, string endpoint, Exception exception);
}
