using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Platform.Tests.Profiles;

public sealed class DeviceProfileJsonTests
{
    [Fact]
    public void Serialize_ThenDeserialize_GivesTheSameConfiguration()
    {
        Lwm2mTransportConfiguration configuration = DeviceProfiles.CreateDefault(new TenantId("acme")).Transport with
        {
            InitializeWithObserve = true,
            ObserveStrategy = ObserveStrategy.CompositeAll,
            ReadByObject = true,
            NotificationAttributes = new Dictionary<Lwm2mPath, NotificationAttributes>
            {
                [Lwm2mPath.Parse("/3_1.2/0/9")] = new() { Pmin = 10, Pmax = 60, GreaterThan = 80.5, LessThan = 20, Step = 1 },
                [Lwm2mPath.Parse("/4_1.3")] = new() { Pmax = 300 },
            },
            Bootstrap = new BootstrapSettings { Servers = [new BootstrapServerSettings { ShortServerId = 123, Uri = "coaps://example.com:5686" }] },
            Ota = new OtaSettings { FirmwareStrategy = FirmwareUpdateStrategy.Object19Data, SoftwareStrategy = SoftwareUpdateStrategy.Object9PackageUri, UseObject19ForOtaMetadata = true },
        };

        string json = DeviceProfileJson.Serialize(configuration);
        Lwm2mTransportConfiguration read = DeviceProfileJson.Deserialize(json);

        Assert.Contains("\"observeStrategy\":\"compositeAll\"", json);
        Assert.Contains("\"/3_1.2/0/9\":{", json);
        Assert.Contains("\"version\":\"1.2\"", json);
        Assert.DoesNotContain("hasFlags", json);
        Assert.Equal(json, DeviceProfileJson.Serialize(read));
        Assert.Equal(60u, read.NotificationAttributes[Lwm2mPath.Parse("/3_1.2/0/9")].Pmax);
    }
}
