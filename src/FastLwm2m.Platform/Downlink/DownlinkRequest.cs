namespace FastLwm2m.Platform.Downlink;

/// <summary>
/// A request waiting for a sleeping queue-mode device (Transport §6.5): an RPC or a shared
/// attribute write, kept in an <see cref="IDownlinkQueueStore"/> until the device wakes or the
/// request expires.
/// </summary>
public sealed record DownlinkRequest
{
    /// <summary>The request id (answered to the caller as the "QUEUED" value).</summary>
    public required Guid Id { get; init; }

    /// <summary>The device's endpoint name.</summary>
    public required string Endpoint { get; init; }

    /// <summary>What it does.</summary>
    public required DownlinkRequestKind Kind { get; init; }

    /// <summary>The RPC method, or the shared attribute key.</summary>
    public required string Name { get; init; }

    /// <summary>The RPC params JSON (null for none), or the attribute's JSON value.</summary>
    public string? Json { get; init; }

    /// <summary>When it was queued.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>When it is dropped if still undelivered.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The order within the device's queue, assigned by the store on enqueue (0 before).</summary>
    public long Sequence { get; init; }

    /// <summary>Whether it is expired at <paramref name="now"/>.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>An RPC to queue.</summary>
    public static DownlinkRequest Rpc(string endpoint, string method, string? paramsJson, DateTimeOffset now, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(method);
        return new DownlinkRequest
        {
            Id = Guid.NewGuid(), Endpoint = endpoint, Kind = DownlinkRequestKind.Rpc, Name = method, Json = paramsJson,
            EnqueuedAt = now, ExpiresAt = now + ttl,
        };
    }

    /// <summary>A shared attribute write to queue.</summary>
    public static DownlinkRequest SharedAttributeWrite(string endpoint, string key, string valueJson, DateTimeOffset now, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(valueJson);
        return new DownlinkRequest
        {
            Id = Guid.NewGuid(), Endpoint = endpoint, Kind = DownlinkRequestKind.SharedAttributeWrite, Name = key, Json = valueJson,
            EnqueuedAt = now, ExpiresAt = now + ttl,
        };
    }

    /// <summary>A short description for the transport log (<c>RPC WriteReplace {...}</c>, <c>shared attribute timezone = "+2"</c>).</summary>
    public string Describe() => Kind == DownlinkRequestKind.Rpc
        ? $"RPC {Name}{(string.IsNullOrEmpty(Json) ? "" : " " + Json)}"
        : $"shared attribute {Name} = {Json}";
}
