namespace FastLwm2m.Platform;

/// <summary>How a device proves who it is (the guide's four credential types).</summary>
public enum DeviceCredentialsType
{
    /// <summary>No security: the endpoint name on the plain (non-DTLS) port is the identity.</summary>
    NoSec,

    /// <summary>DTLS with a pre-shared key: the PSK identity is the identity.</summary>
    Psk,

    /// <summary>DTLS with a raw public key (RFC 7250): the client's public key is the identity.</summary>
    Rpk,

    /// <summary>DTLS with an X.509 certificate: the certificate (pinned, or issued by a trusted CA) is the identity.</summary>
    X509,
}
