namespace FastLwm2m.Platform.Internal;

/// <summary>An auto-provisioned device waiting to be written to the store, and the signal that it was.</summary>
internal sealed record PendingDeviceWrite(Device Device, TaskCompletionSource Done);
