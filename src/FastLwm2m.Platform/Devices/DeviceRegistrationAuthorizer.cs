using System.Net;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Internal;

namespace FastLwm2m.Platform;

/// <summary>
/// Lets a client register on the plain UDP port only as a NoSec device of <see cref="DeviceService"/>
/// (DESIGN, Security: the endpoint name is an identity on the plain port only). An unknown endpoint
/// is refused (4.03) unless <see cref="ProvisioningOptions.AutoProvisionNoSec"/>, which creates its
/// device on the spot.
/// </summary>
/// <remarks>
/// Runs on the receive loop: a lookup in the service's in-memory index; an auto-provisioned device
/// is indexed at once and stored in the background, so the Register is accepted without waiting.
/// Registrations over DTLS, where the identity comes from the handshake, are a later issue.
/// </remarks>
public sealed class DeviceRegistrationAuthorizer : IRegistrationAuthorizer
{
    private readonly DeviceService _devices;
    private readonly ProvisioningOptions _options;
    private readonly Func<Guid?>? _defaultProfileId;
    private readonly TenantId _tenant;

    /// <summary>Creates the authorizer.</summary>
    /// <param name="devices">The devices (and their in-memory index).</param>
    /// <param name="options">Auto-provisioning settings; off when null.</param>
    /// <param name="defaultProfileId">
    /// Yields the profile id of auto-provisioned devices when <see cref="ProvisioningOptions.DefaultProfileId"/>
    /// is null (e.g. the profile named <see cref="ProvisioningOptions.DefaultProfile"/>, or the built-in
    /// default profile). Called on the receive loop: must not block. Null, or returning null, refuses
    /// unknown endpoints.
    /// </param>
    public DeviceRegistrationAuthorizer(DeviceService devices, ProvisioningOptions? options = null, Func<Guid?>? defaultProfileId = null)
    {
        ArgumentNullException.ThrowIfNull(devices);
        _devices = devices;
        _options = options ?? new ProvisioningOptions();
        _tenant = _options.TenantId;
        _defaultProfileId = defaultProfileId;
    }

    /// <inheritdoc />
    public string? Authorize(RegistrationParameters parameters, SocketAddress client)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string? endpoint = parameters.Endpoint;
        if (string.IsNullOrEmpty(endpoint))
        {
            return "no endpoint name";
        }

        string? refusal = Check(endpoint);
        if (refusal is not null)
        {
            DeviceLog.Refused(_devices.Logger, endpoint, refusal);
        }

        return refusal;
    }

    private string? Check(string endpoint)
    {
        Device? device = _devices.GetByEndpoint(endpoint);
        if (device is null)
        {
            if (!_options.AutoProvisionNoSec)
            {
                return $"no device for endpoint {endpoint}";
            }

            Guid? profileId = _options.DefaultProfileId ?? _defaultProfileId?.Invoke();
            if (profileId is null || profileId == Guid.Empty)
            {
                return $"no device for endpoint {endpoint} (auto-provisioning has no default profile)";
            }

            device = _devices.ProvisionNoSec(_tenant, endpoint, profileId.Value);
            if (device is null)
            {
                return $"no device for endpoint {endpoint}";
            }
        }

        return device.Credentials.Type == DeviceCredentialsType.NoSec
            ? null
            : $"endpoint {endpoint} requires DTLS ({Name(device.Credentials.Type)})";
    }

    private static string Name(DeviceCredentialsType type) => type switch
    {
        DeviceCredentialsType.Psk => "PSK",
        DeviceCredentialsType.Rpk => "RPK",
        DeviceCredentialsType.X509 => "X.509",
        _ => type.ToString(),
    };
}
