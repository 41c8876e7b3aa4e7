using System.Security.Cryptography;

namespace FastLwm2m.Platform;

/// <summary>DTLS with a raw public key (RFC 7250): the device's public key, base64 of its SubjectPublicKeyInfo (DER).</summary>
/// <param name="Endpoint">The LwM2M endpoint client name.</param>
/// <param name="PublicKeyBase64">The client's public key: base64 of a DER SubjectPublicKeyInfo of an EC key (P-256 typically).</param>
public sealed record RpkCredentials(string Endpoint, string PublicKeyBase64) : DeviceCredentials(Endpoint)
{
    /// <inheritdoc />
    public override DeviceCredentialsType Type => DeviceCredentialsType.Rpk;

    /// <inheritdoc />
    public override string? Identity => PublicKeyBase64;

    /// <inheritdoc />
    internal override string? Validate()
    {
        if (base.Validate() is { } error)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(PublicKeyBase64))
        {
            return "credentials.publicKey: required";
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(PublicKeyBase64);
        }
        catch (FormatException)
        {
            return "credentials.publicKey: not base64";
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(der, out int read);
            if (read != der.Length)
            {
                return $"credentials.publicKey: {der.Length - read} bytes after the SubjectPublicKeyInfo";
            }
        }
        catch (CryptographicException)
        {
            return "credentials.publicKey: not the SubjectPublicKeyInfo of an EC public key";
        }

        return null;
    }
}
