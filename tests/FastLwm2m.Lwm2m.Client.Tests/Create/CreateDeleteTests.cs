using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Tests.Create;

/// <summary>Create (Core §6.3.6) and Delete (Core §6.3.7), and what the client refuses.</summary>
public class CreateDeleteTests
{
    public static TheoryData<ushort> AllFormats => TestBed.AllFormats;

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task CreateOfABinaryAppDataContainer_AddsTheInstanceAndAnnouncesIt(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        var instance = new Lwm2mObjectInstance(3,
        [
            new Lwm2mMultipleResource(0, ResourceType.Opaque, [new Lwm2mResourceInstance(0, Lwm2mValue.FromOpaque([9, 8, 7]))]),
            new Lwm2mSingleResource(3, Lwm2mValue.FromString("created")),
        ]);

        var create = await bed.Server.CreateAsync(bed.Registration, Lwm2mPath.Parse("/19"), instance, format);

        Assert.Equal(Lwm2mResponseCode.Created, create.Code);
        Assert.Equal("/19/3", create.Location);
        var created = bed.Client.GetInstance(19, 3)!;
        Assert.Equal(Lwm2mValue.FromString("created"), created.GetValue(3));
        await TestBed.WaitUntil(() => bed.Registration.ObjectInstances.Contains((19, 3)), "an Update listing /19/3");
        var read = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/19/3/0/0"), CoapContentFormat.OctetStream);
        Assert.Equal(new byte[] { 9, 8, 7 }, Assert.IsType<Lwm2mResourceInstance>(read.Content).Value.AsOpaque());
    }

    [Fact]
    public async Task CreateOfASoftwareManagementInstance_UsesTheObjectsFactory()
    {
        await using var bed = await TestBed.StartAsync();
        var instance = new Lwm2mObjectInstance(1, [new Lwm2mSingleResource(0, Lwm2mValue.FromString("agent")), new Lwm2mSingleResource(1, Lwm2mValue.FromString("2.0"))]);

        var create = await bed.Server.CreateAsync(bed.Registration, Lwm2mPath.Parse("/9"), instance);

        Assert.Equal(Lwm2mResponseCode.Created, create.Code);
        var created = bed.Client.GetObject(9)!.GetInstance<SoftwareManagementEnabler>(1)!;
        Assert.Equal(Lwm2mValue.FromString("agent"), created.GetValue(0));
        Assert.Equal(SoftwareManagementEnabler.StateInitial, created.UpdateState);
    }

    [Theory]
    [InlineData("/19", 0, Lwm2mResponseCode.BadRequest)] // instance 0 exists
    [InlineData("/3", 1, Lwm2mResponseCode.MethodNotAllowed)] // the Device object has one instance
    [InlineData("/0", 1, Lwm2mResponseCode.Unauthorized)]
    [InlineData("/42", 0, Lwm2mResponseCode.NotFound)]
    public async Task CreateRefused(string objectPath, int instanceId, Lwm2mResponseCode expected)
    {
        await using var bed = await TestBed.StartAsync();
        var instance = new Lwm2mObjectInstance(instanceId, [new Lwm2mSingleResource(1, Lwm2mValue.FromInteger(1))]);

        var create = await bed.Server.CreateAsync(bed.Registration, Lwm2mPath.Parse(objectPath), instance, CoapContentFormat.SenmlJson);

        Assert.Equal(expected, create.Code);
    }

    [Fact]
    public async Task DeleteOfAnInstance_RemovesItAndAnnouncesIt()
    {
        await using var bed = await TestBed.StartAsync();
        bed.Client.GetObject(19)!.AddInstance(Read.ReadTests.CreateContainer(4, [1]));
        await TestBed.WaitUntil(() => bed.Registration.ObjectInstances.Contains((19, 4)), "an Update listing /19/4");

        var delete = await bed.Server.DeleteAsync(bed.Registration, Lwm2mPath.Parse("/19/4"));

        Assert.Equal(Lwm2mResponseCode.Deleted, delete.Code);
        Assert.Null(bed.Client.GetInstance(19, 4));
        await TestBed.WaitUntil(() => !bed.Registration.ObjectInstances.Contains((19, 4)), "an Update without /19/4");
        Assert.Equal(Lwm2mResponseCode.NotFound, (await bed.Server.DeleteAsync(bed.Registration, Lwm2mPath.Parse("/19/4"))).Code);
    }

    [Theory]
    [InlineData("/3/0", Lwm2mResponseCode.MethodNotAllowed)] // Core §6.3.7: the Device instance cannot be deleted
    [InlineData("/1/0", Lwm2mResponseCode.MethodNotAllowed)]
    [InlineData("/0/0", Lwm2mResponseCode.Unauthorized)]
    [InlineData("/19/9", Lwm2mResponseCode.NotFound)]
    public async Task DeleteRefused(string path, Lwm2mResponseCode expected)
    {
        await using var bed = await TestBed.StartAsync();

        var delete = await bed.Server.DeleteAsync(bed.Registration, Lwm2mPath.Parse(path));

        Assert.Equal(expected, delete.Code);
        Assert.NotNull(bed.Client.GetInstance(Lwm2mPath.Parse(path).ObjectId, 0));
    }
}
