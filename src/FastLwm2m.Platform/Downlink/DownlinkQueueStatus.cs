namespace FastLwm2m.Platform.Downlink;

/// <summary>A device's downlink queue at a glance.</summary>
/// <param name="Depth">Requests waiting.</param>
/// <param name="Expired">Requests dropped because their TTL ran out since this server started.</param>
public readonly record struct DownlinkQueueStatus(int Depth, long Expired);
