using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Sessions.Internal;

namespace FastLwm2m.Platform.Tests.Sessions;

/// <summary>A multiple resource mapped to a key: its value is the JSON object of its instances.</summary>
public sealed class MultiInstanceMappingTests
{
    private const string Key = "availableNetworkBearer";

    [Fact]
    public async Task GivenAMappedMultipleResource_DeviceRegistering_StoresAllInstancesUnderOneKey_AndNotificationsUpdateIt()
    {
        await using var bed = await SessionTestBed.StartAsync(p => WithBearers(p, observe: true));

        AttributeValue? attribute = await bed.Attributes.GetAsync(bed.Endpoint, Key);
        Assert.NotNull(attribute);
        Assert.Equal("""{"0":6,"1":7}""", attribute.Value.Value.AsString());

        bed.Client.SetValue(Lwm2mPath.Parse("/4/0/1/1"), Lwm2mValue.FromInteger(8));

        await bed.WaitForTelemetry(Key, v => v.AsString() == """{"0":6,"1":8}""");
        Assert.Equal("""{"0":6,"1":8}""", (await bed.Attributes.GetAsync(bed.Endpoint, Key))!.Value.Value.AsString());
    }

    [Fact]
    public async Task GivenAMappedMultipleResource_ASendOfOneResourceInstance_ChangesThatInstanceAndKeepsTheOthers()
    {
        await using var bed = await SessionTestBed.StartAsync(p => WithBearers(p, observe: false));
        Assert.Equal("""{"0":6,"1":7}""", (await bed.Attributes.GetAsync(bed.Endpoint, Key))!.Value.Value.AsString());

        bed.Client.SetValue(Lwm2mPath.Parse("/4/0/1/0"), Lwm2mValue.FromInteger(5));
        Lwm2mResponse sent = await bed.Client.SendAsync([Lwm2mPath.Parse("/4/0/1/0")]).WaitAsync(SessionTestBed.Timeout);

        Assert.True(sent.IsSuccess, sent.ToString());
        await bed.WaitForTelemetry(Key, v => v.AsString() == """{"0":5,"1":7}""");
    }

    [Fact]
    public void Render_WritesEachTypeAsJson()
    {
        Lwm2mValue rendered = MultiInstanceValues.Render(
        [
            new(0, Lwm2mValue.FromString("a\"b")),
            new(1, Lwm2mValue.FromFloat(1.5)),
            new(2, Lwm2mValue.FromBoolean(true)),
            new(3, Lwm2mValue.FromOpaque([0x00, 0x81])),
            new(4, Lwm2mValue.FromUnsignedInteger(ulong.MaxValue)),
            new(5, Lwm2mValue.FromObjectLink(new ObjectLink(3, 0))),
            new(6, Lwm2mValue.FromUnixTime(1_700_000_000)),
            new(7, Lwm2mValue.FromFloat(double.NaN)),
        ]);

        Assert.Equal(ResourceType.String, rendered.Type);
        Assert.Equal("""{"0":"a\"b","1":1.5,"2":true,"3":"0081","4":18446744073709551615,"5":"3:0","6":1700000000,"7":"NaN"}""", rendered.AsString());
    }

    [Fact]
    public void Merge_BeforeAnyRead_StartsFromTheInstanceAlone_ThenReplaceDropsInstancesTheDeviceNoLongerHas()
    {
        var values = new MultiInstanceValues();
        Lwm2mPath resource = Lwm2mPath.Parse("/4/0/1");

        Assert.Equal("""{"2":9}""", values.Merge(Lwm2mPath.Parse("/4/0/1/2"), Lwm2mValue.FromInteger(9)).AsString());
        Assert.Equal("""{"0":1,"2":9}""", values.Merge(Lwm2mPath.Parse("/4/0/1/0"), Lwm2mValue.FromInteger(1)).AsString());
        Assert.Equal("""{"1":4}""", values.Replace(resource, new Dictionary<int, Lwm2mResourceInstance> { [1] = new(1, Lwm2mValue.FromInteger(4)) }).AsString());
        Assert.Equal("""{"1":4,"3":0}""", values.Merge(Lwm2mPath.Parse("/4/0/1/3"), Lwm2mValue.FromInteger(0)).AsString());
    }

    private static DeviceProfile WithBearers(DeviceProfile profile, bool observe) => profile with
    {
        Transport = profile.Transport with
        {
            Objects =
            [
                .. profile.Transport.Objects.Select(o => o.ObjectId != 4 ? o : o with
                {
                    Resources = [.. o.Resources, new ProfileResource { ResourceId = 1, Attribute = true, Telemetry = true, Observe = observe, Key = Key }],
                }),
            ],
        },
    };
}
