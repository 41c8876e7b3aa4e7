namespace FastLwm2m.Platform.Downlink;

/// <summary>
/// What became of a downlink request that left the queue: delivered (with the device's result),
/// expired or cancelled. Kept by the <see cref="IDownlinkQueueStore"/> for
/// <see cref="DownlinkQueueOptions.OutcomeRetention"/>, so that a caller told "QUEUED" can ask later.
/// </summary>
public sealed record DownlinkOutcome
{
    /// <summary>The request as it was queued.</summary>
    public required DownlinkRequest Request { get; init; }

    /// <summary>Delivered, Expired or Cancelled.</summary>
    public required DownlinkRequestState State { get; init; }

    /// <summary>The result JSON of a delivered request (<c>{"result":"CHANGED"}</c>); null otherwise.</summary>
    public string? ResultJson { get; init; }

    /// <summary>When it left the queue.</summary>
    public required DateTimeOffset CompletedAt { get; init; }
}
