namespace FastLwm2m.Platform.ApiKeys;

/// <summary>A key just created: the only time its full text (with the secret) is available.</summary>
/// <param name="Key">The stored key.</param>
/// <param name="Token">The full key text, <c>flk_&lt;id&gt;_&lt;secret&gt;</c>, to hand to its holder once.</param>
public sealed record CreatedApiKey(ApiKey Key, string Token)
{
    /// <summary>Leaves the secret out, so a logged record does not leak it.</summary>
    public override string ToString() => $"CreatedApiKey {{ Key = {Key}, Token = *** }}";
}
