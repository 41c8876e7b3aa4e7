namespace FastLwm2m.Platform;

/// <summary>
/// A device's credentials: how it identifies itself when it registers. Every kind names the
/// endpoint client name the device registers with; the DTLS kinds add what authenticates it.
/// </summary>
/// <remarks>
/// <c>ToString</c> never shows a secret (a PSK key): records print themselves into logs.
/// </remarks>
/// <param name="Endpoint">The LwM2M endpoint client name (unique across the server).</param>
public abstract record DeviceCredentials(string Endpoint)
{
    /// <summary>Maximum length of an endpoint name, in characters.</summary>
    public const int MaxEndpointLength = 255;

    /// <summary>Which kind of credentials these are.</summary>
    public abstract DeviceCredentialsType Type { get; }

    /// <summary>
    /// What identifies the device besides its endpoint, safe to show: the PSK identity, the public
    /// key (base64), the certificate's subject; null for NoSec and for X.509 trusted by CA.
    /// </summary>
    public virtual string? Identity => null;

    /// <summary>Checks the credentials; returns the problem, naming the field (<c>credentials.key: …</c>), or null.</summary>
    internal virtual string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            return "credentials.endpoint: required";
        }

        if (Endpoint.Length > MaxEndpointLength)
        {
            return $"credentials.endpoint: at most {MaxEndpointLength} characters, got {Endpoint.Length}";
        }

        foreach (char c in Endpoint)
        {
            if (char.IsControl(c))
            {
                return "credentials.endpoint: contains a control character";
            }
        }

        return null;
    }
}
