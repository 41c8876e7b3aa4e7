namespace FastLwm2m.Lwm2m.Client.Tests.Unit;

public class InstanceEnablerTests
{
    [Fact]
    public void NewInstance_HoldsADefaultForEachMandatoryResource()
    {
        var container = new InstanceEnabler(TestBed.Model(19), 0);

        var data = Assert.IsType<Lwm2mMultipleResource>(container.GetResource(0));
        Assert.Empty(data.Instances[0].Value.AsOpaque());
        Assert.Null(container.GetResource(1)); // optional
    }

    [Fact]
    public void SetValue_ChecksTheModel()
    {
        var device = new DeviceEnabler(TestBed.Model(3));

        Assert.Throws<ArgumentException>(() => device.SetValue(9, Lwm2mValue.FromString("full")));
        Assert.Throws<ArgumentException>(() => device.SetValue(6, Lwm2mValue.FromInteger(1)));
        Assert.Throws<ArgumentException>(() => device.SetValue(99, Lwm2mValue.FromInteger(1)));
        device.SetValue(9, Lwm2mValue.FromInteger(12));
        Assert.Equal(Lwm2mValue.FromInteger(12), device.GetValue(9));
    }

    [Fact]
    public void ObjectEnabler_RefusesASecondInstanceOfASingleInstanceObject()
    {
        var device = new ObjectEnabler(TestBed.Model(3), [new DeviceEnabler(TestBed.Model(3))]);

        Assert.Throws<ArgumentException>(() => device.AddInstance(new InstanceEnabler(TestBed.Model(3), 1)));
    }

    [Fact]
    public void StandardObjects_PickTheNewestVersionForTheLwm2mVersion()
    {
        Assert.Equal(new ObjectVersion(1, 1), StandardObjects.SelectModel(TestBed.Repository, 1, Lwm2mVersion.V1_1)!.Version);
        Assert.Equal(new ObjectVersion(1, 2), StandardObjects.SelectModel(TestBed.Repository, 1, Lwm2mVersion.V1_2)!.Version);
        Assert.Equal(new ObjectVersion(1, 0), StandardObjects.SelectModel(TestBed.Repository, 3, Lwm2mVersion.V1_0)!.Version);
        Assert.Null(StandardObjects.SelectModel(TestBed.Repository, 4242, Lwm2mVersion.V1_1));
    }

    [Fact]
    public void ClientOptions_NameTheInvalidOption()
    {
        var options = new Lwm2mClientOptions { EndpointName = "x" };

        var error = Assert.Throws<ArgumentException>(() => new Lwm2mClient(options));

        Assert.Contains("ServerEndPoint", error.Message);
    }
}
