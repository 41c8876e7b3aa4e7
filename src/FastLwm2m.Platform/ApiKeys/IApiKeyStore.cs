namespace FastLwm2m.Platform.ApiKeys;

/// <summary>
/// The control plane's API keys, each with the hash of its secret (never the secret).
/// </summary>
/// <remarks>
/// <para>Indexes: the key id (primary key) for <see cref="FindAsync"/>, <see cref="AddAsync"/> and
/// <see cref="RemoveAsync"/>; <see cref="ListAsync"/> reads all keys (a handful per deployment).</para>
/// <para>Cost: every operation but listing touches one key.</para>
/// <para>Thread safety: implementations are safe for concurrent use.</para>
/// </remarks>
public interface IApiKeyStore
{
    /// <summary>Adds a key; false (and nothing changed) if a key with its id exists.</summary>
    Task<bool> AddAsync(ApiKeyRecord record, CancellationToken cancellationToken = default);

    /// <summary>The key with <paramref name="id"/> and its secret hash, or null.</summary>
    Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every key, oldest first, without secret hashes.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a key; returns it, or null if there was none with <paramref name="id"/>.</summary>
    Task<ApiKey?> RemoveAsync(string id, CancellationToken cancellationToken = default);
}
