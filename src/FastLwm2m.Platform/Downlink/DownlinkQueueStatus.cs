namespace FastLwm2m.Platform.Downlink;

/// <summary>A device's downlink queue at a glance.</summary>
/// <param name="Depth">Requests waiting.</param>
/// <param name="Expired">Requests dropped because their TTL ran out, in total (kept by the queue's store, so a persistent store keeps it across restarts).</param>
public readonly record struct DownlinkQueueStatus(int Depth, long Expired);
