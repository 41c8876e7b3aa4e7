using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>Platform values to their proto messages.</summary>
internal static class Mapping
{
    public static Timestamp FromUnixMilliseconds(long milliseconds) =>
        Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));

    public static V1.ModelInfo ToProto(ModelInfo model) => new()
    {
        ObjectId = model.ObjectId,
        Version = model.Version.ToString(),
        Name = model.Name,
        FileName = model.FileName,
        Scope = model.Level == ModelLevel.System ? V1.ModelScope.System : V1.ModelScope.Tenant,
        UpdatedAt = Timestamp.FromDateTimeOffset(model.UpdatedAt),
    };

    public static V1.Device ToProto(DeviceInfo device, Registration? registration) => new()
    {
        Id = device.Id.ToString(),
        Name = device.Name,
        ProfileId = device.ProfileId.ToString(),
        Endpoint = device.Endpoint,
        CredentialsType = device.CredentialsType switch
        {
            DeviceCredentialsType.NoSec => V1.CredentialsType.Nosec,
            DeviceCredentialsType.Psk => V1.CredentialsType.Psk,
            DeviceCredentialsType.Rpk => V1.CredentialsType.Rpk,
            DeviceCredentialsType.X509 => V1.CredentialsType.X509,
            _ => V1.CredentialsType.Unspecified,
        },
        Identity = device.Identity ?? "",
        AutoProvisioned = device.AutoProvisioned,
        CreatedAt = Timestamp.FromDateTimeOffset(device.CreatedAt),
        Registration = ToProto(registration),
    };

    public static V1.RegistrationState ToProto(Registration? registration) => registration is null
        ? new V1.RegistrationState { Registered = false }
        : new V1.RegistrationState
        {
            Registered = true,
            RegistrationId = registration.Id,
            Lwm2MVersion = registration.Version.ToText(),
            RegisteredAt = FromUnixMilliseconds(registration.RegisteredAtMilliseconds),
            LastUpdate = FromUnixMilliseconds(registration.LastUpdateMilliseconds),
            LifetimeSeconds = registration.LifetimeSeconds,
            QueueMode = registration.QueueMode,
        };

    public static V1.TelemetryValue ToProto(Lwm2mValue value) => value.Type switch
    {
        ResourceType.String or ResourceType.Corelnk => new V1.TelemetryValue { StringValue = (string)value.ToJsonValue() },
        ResourceType.Integer => new V1.TelemetryValue { IntegerValue = value.AsInteger() },
        ResourceType.UnsignedInteger => new V1.TelemetryValue { UnsignedValue = value.AsUnsignedInteger() },
        ResourceType.Float => new V1.TelemetryValue { FloatValue = value.AsFloat() },
        ResourceType.Boolean => new V1.TelemetryValue { BoolValue = value.AsBoolean() },
        ResourceType.Opaque => new V1.TelemetryValue { OpaqueValue = ByteString.CopyFrom(value.AsOpaque()) },
        ResourceType.Time => new V1.TelemetryValue { TimeValue = value.AsUnixTime() },
        ResourceType.Objlnk => new V1.TelemetryValue { ObjlnkValue = value.AsObjectLink().ToString() },
        _ => new V1.TelemetryValue(),
    };
}
