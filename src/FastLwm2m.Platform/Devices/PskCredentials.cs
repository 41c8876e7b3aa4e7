using System.Text;

namespace FastLwm2m.Platform;

/// <summary>DTLS with a pre-shared key (RFC 4279): the device sends <see cref="PskIdentity"/> and proves it holds the key.</summary>
/// <remarks><c>ToString</c> leaves the key out.</remarks>
/// <param name="Endpoint">The LwM2M endpoint client name.</param>
/// <param name="PskIdentity">The PSK identity (unique across the server).</param>
/// <param name="KeyHex">The key as hexadecimal: 32, 64 or 128 characters (16, 32 or 64 bytes). A secret.</param>
public sealed record PskCredentials(string Endpoint, string PskIdentity, string KeyHex) : DeviceCredentials(Endpoint)
{
    /// <summary>The key lengths accepted, in hex characters.</summary>
    public static IReadOnlyList<int> KeyHexLengths { get; } = [32, 64, 128];

    /// <inheritdoc />
    public override DeviceCredentialsType Type => DeviceCredentialsType.Psk;

    /// <inheritdoc />
    public override string? Identity => PskIdentity;

    /// <inheritdoc />
    internal override string? Validate()
    {
        if (base.Validate() is { } error)
        {
            return error;
        }

        if (string.IsNullOrEmpty(PskIdentity))
        {
            return "credentials.identity: required";
        }

        string key = KeyHex ?? "";
        if (!KeyHexLengths.Contains(key.Length))
        {
            return $"credentials.key: a PSK key is 32, 64 or 128 hex characters, got {key.Length}";
        }

        for (int i = 0; i < key.Length; i++)
        {
            if (!char.IsAsciiHexDigit(key[i]))
            {
                // The position only: the key is a secret, even a malformed one.
                return $"credentials.key: not hexadecimal (character {i + 1})";
            }
        }

        return null;
    }

    /// <summary>Prints the members, the key as <c>***</c>.</summary>
    protected override bool PrintMembers(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append("Endpoint = ").Append(Endpoint).Append(", PskIdentity = ").Append(PskIdentity).Append(", KeyHex = ***");
        return true;
    }
}
