namespace FastLwm2m.Platform.ApiKeys;

/// <summary>An API key as an <see cref="IApiKeyStore"/> keeps it: the key and the SHA-256 hash of its secret.</summary>
/// <param name="Key">The key.</param>
/// <param name="SecretHash">SHA-256 of the secret's UTF-8 text (32 bytes); never the secret itself.</param>
public sealed record ApiKeyRecord(ApiKey Key, byte[] SecretHash);
