using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Profiles;

/// <summary>Built-in profiles.</summary>
public static class DeviceProfiles
{
    /// <summary>The name of <see cref="CreateDefault"/>'s profile.</summary>
    public const string DefaultName = "default";

    /// <summary>
    /// The profile used to auto-provision devices, following the guide's getting-started mapping
    /// (object versions as there: Device 3_1.2, Connectivity Monitoring 4_1.3, Location 6_1.0):
    /// manufacturer, model number, serial number and firmware version as attributes; battery level,
    /// radio signal strength, link quality, latitude and longitude as observed telemetry. Not stored:
    /// save it with <see cref="ProfileService.CreateAsync"/> (the core models are built in, so it validates
    /// against an empty library whose <see cref="ModelLibrary"/> was given them).
    /// </summary>
    /// <param name="tenant">The owner.</param>
    /// <param name="id">The id; a new one if null.</param>
    public static DeviceProfile CreateDefault(TenantId tenant, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        Tenant = tenant,
        Name = DefaultName,
        Description = "Built-in LwM2M profile: device identity as attributes, battery, signal and location as observed telemetry.",
        Transport = new Lwm2mTransportConfiguration
        {
            Objects =
            [
                new ProfileObject
                {
                    ObjectId = 3,
                    Version = new ObjectVersion(1, 2),
                    Resources =
                    [
                        Attribute(0, "manufacturer"),
                        Attribute(1, "modelNumber"),
                        Attribute(2, "serialNumber"),
                        Attribute(3, "firmwareVersion"),
                        ObservedTelemetry(9, "batteryLevel"),
                    ],
                },
                new ProfileObject
                {
                    ObjectId = 4,
                    Version = new ObjectVersion(1, 3),
                    Resources = [ObservedTelemetry(2, "radioSignalStrength"), ObservedTelemetry(3, "linkQuality")],
                },
                new ProfileObject
                {
                    ObjectId = 6,
                    Version = new ObjectVersion(1, 0),
                    Resources = [ObservedTelemetry(0, "latitude"), ObservedTelemetry(1, "longitude")],
                },
            ],
        },
    };

    private static ProfileResource Attribute(int resourceId, string key) => new() { ResourceId = resourceId, Attribute = true, Key = key };

    private static ProfileResource ObservedTelemetry(int resourceId, string key) => new() { ResourceId = resourceId, Telemetry = true, Observe = true, Key = key };
}
