using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FastLwm2m.Platform;

/// <summary>
/// DTLS with an X.509 certificate: either the device's own certificate (pinned), or
/// <see cref="TrustByCa"/>: any certificate the server's trusted CAs issued for the endpoint.
/// </summary>
/// <param name="Endpoint">The LwM2M endpoint client name.</param>
/// <param name="CertificatePem">The client certificate, PEM; null when <see cref="TrustByCa"/>.</param>
/// <param name="TrustByCa">Trust the certificate by its CA instead of pinning one.</param>
public sealed record X509Credentials(string Endpoint, string? CertificatePem, bool TrustByCa = false) : DeviceCredentials(Endpoint)
{
    /// <inheritdoc />
    public override DeviceCredentialsType Type => DeviceCredentialsType.X509;

    /// <summary>The pinned certificate's subject; null when trusted by CA.</summary>
    public override string? Identity => TryLoad(CertificatePem, out X509Certificate2? certificate) ? Dispose(certificate) : null;

    /// <inheritdoc />
    internal override string? Validate()
    {
        if (base.Validate() is { } error)
        {
            return error;
        }

        bool hasPem = !string.IsNullOrWhiteSpace(CertificatePem);
        if (hasPem == TrustByCa)
        {
            return "credentials.certificate: give either a client certificate (PEM) or trustByCa, not both and not neither";
        }

        if (!hasPem)
        {
            return null;
        }

        if (!TryLoad(CertificatePem, out X509Certificate2? certificate))
        {
            return "credentials.certificate: not a PEM X.509 certificate";
        }

        Dispose(certificate);
        return null;
    }

    private static bool TryLoad(string? pem, out X509Certificate2? certificate)
    {
        certificate = null;
        if (string.IsNullOrWhiteSpace(pem))
        {
            return false;
        }

        try
        {
            certificate = X509Certificate2.CreateFromPem(pem);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Dispose(X509Certificate2? certificate)
    {
        string subject = certificate!.Subject;
        certificate.Dispose();
        return subject;
    }
}
