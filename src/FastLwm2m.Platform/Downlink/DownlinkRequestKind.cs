namespace FastLwm2m.Platform.Downlink;

/// <summary>What a queued downlink request does when it is delivered.</summary>
public enum DownlinkRequestKind
{
    /// <summary>An RPC method (<see cref="DownlinkRequest.Name"/>) with its params JSON (<see cref="DownlinkRequest.Json"/>).</summary>
    Rpc = 1,

    /// <summary>A shared attribute write: key (<see cref="DownlinkRequest.Name"/>) and JSON value (<see cref="DownlinkRequest.Json"/>).</summary>
    SharedAttributeWrite = 2,
}
