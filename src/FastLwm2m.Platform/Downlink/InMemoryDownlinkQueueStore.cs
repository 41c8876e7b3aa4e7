namespace FastLwm2m.Platform.Downlink;

/// <summary>
/// <see cref="IDownlinkQueueStore"/> in memory (lost on restart): a list per device in sequence
/// order and an id index, under one lock. Listing expired requests scans every queue.
/// </summary>
public sealed class InMemoryDownlinkQueueStore : IDownlinkQueueStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, List<DownlinkRequest>> _byEndpoint = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, DownlinkRequest> _byId = [];
    private readonly Dictionary<string, long> _expired = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, DownlinkRequestStatus> _outcomes = [];
    private long _sequence;

    /// <inheritdoc />
    public Task<DownlinkRequest> EnqueueAsync(DownlinkRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_sync)
        {
            if (_byId.ContainsKey(request.Id))
            {
                throw new InvalidOperationException($"Downlink request {request.Id} is already queued");
            }

            var stored = request with { Sequence = ++_sequence };
            if (!_byEndpoint.TryGetValue(stored.Endpoint, out var queue))
            {
                _byEndpoint[stored.Endpoint] = queue = [];
            }

            queue.Add(stored);
            _byId[stored.Id] = stored;
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<DownlinkRequest?> PeekAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_sync)
        {
            return Task.FromResult(_byEndpoint.TryGetValue(endpoint, out var queue) && queue.Count > 0 ? queue[0] : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListEndpointsAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _byEndpoint.Keys]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DownlinkRequest>> ListAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<DownlinkRequest>>(_byEndpoint.TryGetValue(endpoint, out var queue) ? queue.ToArray() : []);
        }
    }

    /// <inheritdoc />
    public Task<DownlinkRequest?> RemoveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(RemoveLocked(id));
        }
    }

    /// <inheritdoc />
    public Task<DownlinkRequest?> CompleteAsync(Guid id, DownlinkRequestState outcome, string? resultJson, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        if (outcome == DownlinkRequestState.Queued)
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a completed request is Delivered, Expired or Cancelled");
        }

        lock (_sync)
        {
            var removed = RemoveLocked(id);
            if (removed is not null)
            {
                _outcomes[id] = new DownlinkRequestStatus { Request = removed, State = outcome, ResultJson = resultJson, CompletedAt = completedAt };
                if (outcome == DownlinkRequestState.Expired)
                {
                    _expired[removed.Endpoint] = _expired.GetValueOrDefault(removed.Endpoint) + 1;
                }
            }

            return Task.FromResult(removed);
        }
    }

    /// <inheritdoc />
    public Task<DownlinkRequest?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_byId.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<DownlinkRequestStatus?> GetOutcomeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_outcomes.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<int> PruneOutcomesAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            Guid[] old = [.. _outcomes.Values.Where(o => o.CompletedAt < before).Select(static o => o.Request.Id)];
            foreach (Guid id in old)
            {
                _outcomes.Remove(id);
            }

            return Task.FromResult(old.Length);
        }
    }

    /// <inheritdoc />
    public Task<long> CountExpiredAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_sync)
        {
            return Task.FromResult(_expired.GetValueOrDefault(endpoint));
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteDeviceAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_sync)
        {
            int count = 0;
            if (_byEndpoint.Remove(endpoint, out var queue))
            {
                count = queue.Count;
                foreach (DownlinkRequest request in queue)
                {
                    _byId.Remove(request.Id);
                }
            }

            foreach (Guid id in _outcomes.Values.Where(o => o.Request.Endpoint == endpoint).Select(static o => o.Request.Id).ToArray())
            {
                _outcomes.Remove(id);
            }

            _expired.Remove(endpoint);
            return Task.FromResult(count);
        }
    }

    private DownlinkRequest? RemoveLocked(Guid id)
    {
        if (!_byId.Remove(id, out var removed))
        {
            return null;
        }

        var queue = _byEndpoint[removed.Endpoint];
        queue.RemoveAll(r => r.Id == id);
        if (queue.Count == 0)
        {
            _byEndpoint.Remove(removed.Endpoint);
        }

        return removed;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DownlinkRequest>> ListExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<DownlinkRequest>>(
                _byId.Values.Where(r => r.IsExpiredAt(now)).OrderBy(r => r.ExpiresAt).ThenBy(r => r.Sequence).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<int> CountAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_sync)
        {
            return Task.FromResult(_byEndpoint.TryGetValue(endpoint, out var queue) ? queue.Count : 0);
        }
    }
}
