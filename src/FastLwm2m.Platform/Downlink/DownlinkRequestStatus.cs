using FastLwm2m.Platform.Rpc;

namespace FastLwm2m.Platform.Downlink;

/// <summary>
/// A downlink request looked up by id (<see cref="DownlinkQueue.GetRequestStatusAsync"/>): still queued,
/// or what became of it. The <see cref="IDownlinkQueueStore"/> keeps the outcomes of requests that left
/// the queue (delivered, expired, cancelled) in this form for <see cref="DownlinkQueueOptions.OutcomeRetention"/>.
/// </summary>
public sealed record DownlinkRequestStatus
{
    /// <summary>The request as it was queued.</summary>
    public required DownlinkRequest Request { get; init; }

    /// <summary>Where it stands.</summary>
    public required DownlinkRequestState State { get; init; }

    /// <summary>The device's result JSON once delivered; null otherwise.</summary>
    public string? ResultJson { get; init; }

    /// <summary>When it left the queue; null while queued.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>
    /// The result as the RPC answers it: <c>{"result":"QUEUED","value":"&lt;id&gt;"}</c> while it waits, the
    /// device's result once delivered, <c>{"result":"EXPIRED","error":"..."}</c> when its TTL ran out first,
    /// <c>{"result":"CANCELED","error":"..."}</c> when it was cancelled.
    /// </summary>
    public string ToResultJson() => State switch
    {
        DownlinkRequestState.Queued => DownlinkQueue.Queued(Request).ToJson(),
        DownlinkRequestState.Delivered => ResultJson ?? new RpcResult("UNKNOWN").ToJson(),
        DownlinkRequestState.Expired => RpcResult.Failure("EXPIRED", $"the device did not wake up before the request's TTL ran out at {Request.ExpiresAt:O}; it was not sent").ToJson(),
        _ => RpcResult.Failure("CANCELED", $"cancelled at {CompletedAt:O} before it was sent").ToJson(),
    };
}
