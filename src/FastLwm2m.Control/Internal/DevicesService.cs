using FastLwm2m.Platform;
using Grpc.Core;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>fastlwm2m.v1.Devices over <see cref="DeviceService"/> and the LwM2M server's registration store.</summary>
internal sealed class DevicesService(ControlContext platform) : V1.Devices.DevicesBase
{
    // The Platform names fields as its own API does; the proto names them in snake case under
    // the credential type they belong to.
    private static readonly (string Platform, string Proto)[] FieldNames =
    [
        ("credentials.key:", "credentials.psk.key_hex:"),
        ("credentials.identity:", "credentials.psk.identity:"),
        ("credentials.publicKey:", "credentials.rpk.public_key_base64:"),
        ("credentials.certificate:", "credentials.x509.certificate_pem:"),
        ("profileId:", "profile_id:"),
    ];

    public override async Task<V1.CreateDeviceResponse> Create(V1.CreateDeviceRequest request, ServerCallContext context)
    {
        TenantId tenant = Caller.Tenant(context);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw Errors.InvalidArgument("name", "required");
        }

        if (string.IsNullOrEmpty(request.ProfileId))
        {
            throw Errors.InvalidArgument("profile_id", "required");
        }

        if (!Guid.TryParse(request.ProfileId, out Guid profileId))
        {
            throw Errors.InvalidArgument("profile_id", $"not a UUID: '{request.ProfileId}'");
        }

        DeviceCredentials credentials = ToCredentials(request.Credentials);
        if (await platform.Profiles.GetAsync(tenant, profileId, context.CancellationToken).ConfigureAwait(false) is null)
        {
            throw Errors.NotFound($"profile_id: profile {profileId} not found");
        }

        DeviceCreateResult result = await platform.Devices.CreateAsync(tenant, request.Name, profileId, credentials, context.CancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            DeviceCreateStatus.Created => new V1.CreateDeviceResponse { Device = ToProto(result.Device!) },
            DeviceCreateStatus.Conflict => throw Errors.AlreadyExists(ProtoFieldNames(result.Error!)),
            _ => throw Errors.InvalidArgument(ProtoFieldNames(result.Error!)),
        };
    }

    public override async Task<V1.ListDevicesResponse> List(V1.ListDevicesRequest request, ServerCallContext context)
    {
        IReadOnlyList<DeviceInfo> devices = await platform.Devices.ListAsync(Caller.Tenant(context), context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListDevicesResponse();
        response.Devices.AddRange(devices.Select(ToProto));
        return response;
    }

    public override async Task<V1.GetDeviceResponse> Get(V1.GetDeviceRequest request, ServerCallContext context)
    {
        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, Caller.Tenant(context), request.Device, "device", context.CancellationToken).ConfigureAwait(false);
        var response = new V1.GetDeviceResponse { Device = ToProto(device) };
        if (platform.Downlink is { } downlink)
        {
            var queue = await downlink.GetStatusAsync(device.Endpoint, context.CancellationToken).ConfigureAwait(false);
            response.DownlinkQueue = new V1.DownlinkQueueState { Depth = (uint)queue.Depth, Expired = (ulong)queue.Expired };
        }

        return response;
    }

    public override async Task<V1.DeleteDeviceResponse> Delete(V1.DeleteDeviceRequest request, ServerCallContext context)
    {
        TenantId tenant = Caller.Tenant(context);
        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, tenant, request.Device, "device", context.CancellationToken).ConfigureAwait(false);
        DeviceInfo deleted = await platform.Devices.DeleteAsync(tenant, device.Id, context.CancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound($"device {device.Id} not found");
        return new V1.DeleteDeviceResponse { Deleted = ToProto(deleted) };
    }

    private V1.Device ToProto(DeviceInfo device) =>
        Mapping.ToProto(device, platform.Server.Registrations.Store.GetByEndpoint(device.Endpoint));

    private static DeviceCredentials ToCredentials(V1.DeviceCredentials? credentials)
    {
        if (credentials is null)
        {
            throw Errors.InvalidArgument("credentials", "required");
        }

        string endpoint = credentials.Endpoint;
        return credentials.TypeCase switch
        {
            V1.DeviceCredentials.TypeOneofCase.Nosec => new NoSecCredentials(endpoint),
            V1.DeviceCredentials.TypeOneofCase.Psk => new PskCredentials(endpoint, credentials.Psk.Identity, credentials.Psk.KeyHex),
            V1.DeviceCredentials.TypeOneofCase.Rpk => new RpkCredentials(endpoint, credentials.Rpk.PublicKeyBase64),
            V1.DeviceCredentials.TypeOneofCase.X509 => credentials.X509.TrustCase switch
            {
                V1.X509Credentials.TrustOneofCase.CertificatePem => new X509Credentials(endpoint, credentials.X509.CertificatePem),
                V1.X509Credentials.TrustOneofCase.TrustByCa => new X509Credentials(endpoint, null, credentials.X509.TrustByCa),
                _ => throw Errors.InvalidArgument("credentials.x509", "give certificate_pem or trust_by_ca"),
            },
            _ => throw Errors.InvalidArgument("credentials", "give one of nosec, psk, rpk, x509"),
        };
    }

    private static string ProtoFieldNames(string message)
    {
        foreach ((string platformName, string protoName) in FieldNames)
        {
            if (message.StartsWith(platformName, StringComparison.Ordinal))
            {
                return string.Concat(protoName, message.AsSpan(platformName.Length));
            }
        }

        return message;
    }
}
