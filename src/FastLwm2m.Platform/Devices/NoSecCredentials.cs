namespace FastLwm2m.Platform;

/// <summary>No security: the device is known by its endpoint name alone, on the plain UDP port only.</summary>
/// <param name="Endpoint">The LwM2M endpoint client name.</param>
public sealed record NoSecCredentials(string Endpoint) : DeviceCredentials(Endpoint)
{
    /// <inheritdoc />
    public override DeviceCredentialsType Type => DeviceCredentialsType.NoSec;
}
