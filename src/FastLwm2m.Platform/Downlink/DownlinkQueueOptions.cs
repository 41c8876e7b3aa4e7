namespace FastLwm2m.Platform.Downlink;

/// <summary>Settings of the <see cref="DownlinkQueue"/>.</summary>
public sealed class DownlinkQueueOptions
{
    /// <summary>How long a request waits when the caller gives no TTL. Default 1 hour.</summary>
    public TimeSpan DefaultTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often expired requests are swept (and logged) when no wake-up found them first; zero or less: never (call <see cref="DownlinkQueue.SweepExpiredAsync"/>). Default 1 minute.</summary>
    public TimeSpan ExpiryScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the outcome of a request that left the queue (delivered, expired, cancelled) can be looked up by its id; older ones are forgotten by the expiry sweep (<see cref="ExpiryScanInterval"/>, or <see cref="DownlinkQueue.SweepExpiredAsync"/>). Default 7 days.</summary>
    public TimeSpan OutcomeRetention { get; set; } = TimeSpan.FromDays(7);
}
