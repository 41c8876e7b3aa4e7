namespace FastLwm2m.Platform.Downlink;

/// <summary>
/// The per-device downlink queues: requests for sleeping devices, in the order they were queued.
/// </summary>
/// <remarks>
/// <para>Indexes: (endpoint, sequence) for a device's queue in order; expiry time for
/// <see cref="ListExpiredAsync"/>; the request id for <see cref="RemoveAsync"/>, <see cref="CompleteAsync"/>,
/// <see cref="GetAsync"/> and <see cref="GetOutcomeAsync"/>; completion time for <see cref="PruneOutcomesAsync"/>.</para>
/// <para>Cost: enqueue, peek, remove and count touch one device's queue; listing expired requests
/// reads the expiry index up to the given time.</para>
/// <para>Thread safety: implementations are safe for concurrent use. The sequence is assigned by the
/// store and only grows, so order holds across restarts of a persistent store.</para>
/// </remarks>
public interface IDownlinkQueueStore
{
    /// <summary>Appends <paramref name="request"/> to its device's queue; returns it with its <see cref="DownlinkRequest.Sequence"/>.</summary>
    Task<DownlinkRequest> EnqueueAsync(DownlinkRequest request, CancellationToken cancellationToken = default);

    /// <summary>The oldest request of a device, or null when its queue is empty.</summary>
    Task<DownlinkRequest?> PeekAsync(string endpoint, CancellationToken cancellationToken = default);

    /// <summary>The endpoints that have at least one request waiting (read once at start-up).</summary>
    Task<IReadOnlyList<string>> ListEndpointsAsync(CancellationToken cancellationToken = default);

    /// <summary>A device's requests, oldest first.</summary>
    Task<IReadOnlyList<DownlinkRequest>> ListAsync(string endpoint, CancellationToken cancellationToken = default);

    /// <summary>Removes a request; returns it, or null if it was not queued.</summary>
    Task<DownlinkRequest?> RemoveAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Requests of every device expired at <paramref name="now"/>, oldest expiry first.</summary>
    Task<IReadOnlyList<DownlinkRequest>> ListExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>How many requests wait for a device.</summary>
    Task<int> CountAsync(string endpoint, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a request and keeps its <paramref name="outcome"/> (found by <see cref="GetOutcomeAsync"/>
    /// until pruned), atomically; an Expired outcome also adds one to the device's expired total.
    /// Returns the removed request, or null if it was no longer queued (then nothing is kept or counted).
    /// </summary>
    Task<DownlinkRequest?> CompleteAsync(Guid id, DownlinkRequestState outcome, string? resultJson, DateTimeOffset completedAt, CancellationToken cancellationToken = default);

    /// <summary>A queued request by id, or null when it is not (or no longer) queued.</summary>
    Task<DownlinkRequest?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>The outcome of a request that left the queue through <see cref="CompleteAsync"/>, or null (unknown, still queued, or pruned).</summary>
    Task<DownlinkRequestStatus?> GetOutcomeAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Forgets outcomes completed before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneOutcomesAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Deletes a device's waiting requests, its outcomes and its expired total; returns how many waiting requests were deleted.</summary>
    Task<int> DeleteDeviceAsync(string endpoint, CancellationToken cancellationToken = default);

    /// <summary>How many of a device's requests expired, in total (kept with the queue, so a restart keeps it).</summary>
    Task<long> CountExpiredAsync(string endpoint, CancellationToken cancellationToken = default);
}
