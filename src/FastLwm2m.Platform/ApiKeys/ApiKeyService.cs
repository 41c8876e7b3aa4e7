using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FastLwm2m.Platform.ApiKeys;

/// <summary>
/// Creates, authenticates, lists and revokes the control plane's API keys. A key's text is
/// <c>flk_&lt;id&gt;_&lt;secret&gt;</c>: the id (8 characters of [a-z0-9]) finds the key in the store, the
/// secret (32 random bytes, base64url) proves the holder has it. Only the SHA-256 hash of the secret is
/// stored; the full text is returned once, by <see cref="CreateAsync"/>.
/// </summary>
/// <remarks>Thread safety: safe for concurrent use when the store is.</remarks>
public sealed class ApiKeyService
{
    /// <summary>The prefix of every key's text.</summary>
    public const string Prefix = "flk_";

    private const int IdLength = 8;
    private const int SecretBytes = 32;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int MaxAttempts = 5;

    private readonly IApiKeyStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the service over <paramref name="store"/>.</summary>
    /// <param name="store">Where keys are kept.</param>
    /// <param name="time">The clock for creation times; <see cref="TimeProvider.System"/> by default.</param>
    public ApiKeyService(IApiKeyStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Creates a key for <paramref name="role"/>; the result's <see cref="CreatedApiKey.Token"/> is the
    /// only copy of the secret.
    /// </summary>
    /// <param name="role">What the holder may do.</param>
    /// <param name="tenant">The tenant of a <see cref="ApiKeyRole.TenantAdministrator"/>; <see cref="TenantId.System"/> for a system administrator.</param>
    /// <param name="name">A name for people, e.g. who holds the key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">The role and tenant do not fit together, or the name is empty.</exception>
    public async Task<CreatedApiKey> CreateAsync(ApiKeyRole role, TenantId tenant, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        switch (role)
        {
            case ApiKeyRole.SystemAdministrator when !tenant.IsSystem:
                throw new ArgumentException("a system administrator's key has no tenant", nameof(tenant));
            case ApiKeyRole.TenantAdministrator when tenant.IsSystem:
                throw new ArgumentException("a tenant administrator's key needs a tenant", nameof(tenant));
            case ApiKeyRole.SystemAdministrator or ApiKeyRole.TenantAdministrator:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role");
        }

        for (int attempt = 0; ; attempt++)
        {
            string id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
            string secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
            var key = new ApiKey(id, name.Trim(), role, tenant, _time.GetUtcNow());
            if (await _store.AddAsync(new ApiKeyRecord(key, Hash(secret)), cancellationToken).ConfigureAwait(false))
            {
                return new CreatedApiKey(key, Prefix + id + "_" + secret);
            }

            // 36^8 ids: a collision is rare; a few retries make it practically impossible to fail.
            if (attempt == MaxAttempts)
            {
                throw new InvalidOperationException("could not find a free API key id");
            }
        }
    }

    /// <summary>
    /// The key whose text is <paramref name="token"/>, or null when the text is malformed, names no
    /// key, or its secret does not match.
    /// </summary>
    public async Task<ApiKey?> AuthenticateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!TryParse(token, out string? id, out string? secret))
        {
            return null;
        }

        ApiKeyRecord? record = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        // Fixed time: how long the comparison takes must not tell how much of a guessed secret matched.
        return CryptographicOperations.FixedTimeEquals(Hash(secret), record.SecretHash) ? record.Key : null;
    }

    /// <summary>Every key, oldest first, without secrets.</summary>
    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default) =>
        _store.ListAsync(cancellationToken);

    /// <summary>Revokes the key with <paramref name="id"/>; returns it, or null if there was none.</summary>
    public Task<ApiKey?> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _store.RemoveAsync(id, cancellationToken);
    }

    /// <summary>
    /// The stored form of a secret. A plain SHA-256 is enough here, unlike for passwords: the secret is
    /// 256 random bits, so there is no dictionary to try and brute force over the hash is hopeless;
    /// a slow KDF (PBKDF2, Argon2) would only make every control-plane call slower.
    /// </summary>
    internal static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static bool TryParse(string? token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? secret)
    {
        id = null;
        secret = null;
        if (token is null || token.Length <= Prefix.Length + IdLength + 1 || token.Length > 128
            || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        id = token.Substring(Prefix.Length, IdLength);
        secret = token[(Prefix.Length + IdLength + 1)..];
        return true;
    }
}
