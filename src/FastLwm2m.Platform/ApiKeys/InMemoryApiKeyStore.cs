using System.Collections.Concurrent;

namespace FastLwm2m.Platform.ApiKeys;

/// <summary>
/// An <see cref="IApiKeyStore"/> in memory, for tests and in-process embedders; keys are lost when
/// the process ends.
/// </summary>
/// <remarks>
/// <para>Indexes: a dictionary by key id. Cost: O(1) per key, O(n log n) to list.</para>
/// <para>Thread safety: safe for concurrent use.</para>
/// </remarks>
public sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _keys = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> AddAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Task.FromResult(_keys.TryAdd(record.Key.Id, record with { SecretHash = (byte[])record.SecretHash.Clone() }));
    }

    /// <inheritdoc />
    public Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(_keys.TryGetValue(id, out ApiKeyRecord? record) ? record : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKey>>(_keys.Values.Select(r => r.Key).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).ToList());

    /// <inheritdoc />
    public Task<ApiKey?> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(_keys.TryRemove(id, out ApiKeyRecord? record) ? record.Key : null);
    }
}
