namespace FastLwm2m.Platform.Downlink;

/// <summary>Where a downlink request stands.</summary>
public enum DownlinkRequestState
{
    /// <summary>Waiting for the device to wake up.</summary>
    Queued = 1,

    /// <summary>Sent to the device; <see cref="DownlinkRequestStatus.ResultJson"/> holds its result (success or the device's error).</summary>
    Delivered = 2,

    /// <summary>Dropped unsent: its TTL ran out before the device woke up.</summary>
    Expired = 3,

    /// <summary>Removed unsent by a caller.</summary>
    Cancelled = 4,
}
