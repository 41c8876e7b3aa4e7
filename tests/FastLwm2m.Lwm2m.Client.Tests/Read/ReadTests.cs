using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Tests.Read;

/// <summary>Read (Core §6.3.1) of objects 3, 5 and 19 in every content format the client offers.</summary>
public class ReadTests
{
    public static TheoryData<ushort> AllFormats => TestBed.AllFormats;

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task ReadOfTheDeviceInstance_ReturnsItsReadableResources(ushort format)
    {
        await using var bed = await TestBed.StartAsync();

        var read = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0"), format);

        Assert.True(read.IsSuccess, read.ToString());
        Assert.Equal(format, read.ContentFormat);
        var device = Assert.IsType<Lwm2mObjectInstance>(read.Content);
        Assert.Equal(Lwm2mValue.FromString("FastLwm2m"), ((Lwm2mSingleResource)device.Resources[0]).Value);
        Assert.Equal(Lwm2mValue.FromInteger(100), ((Lwm2mSingleResource)device.Resources[9]).Value);
        var powerSources = Assert.IsType<Lwm2mMultipleResource>(device.Resources[6]);
        Assert.Equal([Lwm2mValue.FromInteger(1), Lwm2mValue.FromInteger(5)], powerSources.Instances.Values.Select(i => i.Value));
        Assert.False(device.Resources.ContainsKey(4)); // Reboot is executable, not readable
        Assert.True(device.Resources.ContainsKey(13)); // Current Time, computed on read
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task ReadOfAMultipleResourceAndOfOneOfItsInstances(ushort format)
    {
        await using var bed = await TestBed.StartAsync();

        var resource = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0/7"), format);
        var instance = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0/7/1"), format);

        var voltages = Assert.IsType<Lwm2mMultipleResource>(resource.Content);
        Assert.Equal([3800L, 5000L], voltages.Instances.Values.Select(i => i.Value.AsInteger()));
        Assert.True(instance.IsSuccess, instance.ToString());
        Assert.Equal(Lwm2mValue.FromInteger(5000), Assert.IsType<Lwm2mResourceInstance>(instance.Content).Value);
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task ReadOfTheFirmwareUpdateObjectAndOfBinaryAppDataContainerInstances(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        bed.Client.GetObject(19)!.AddInstance(CreateContainer(1, [0xCA, 0xFE], [0xBE, 0xEF, 0x00]));

        var firmware = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/5"), format);
        var containers = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/19"), format);

        var fw = Assert.IsType<Lwm2mObject>(firmware.Content).Instances[0];
        Assert.Equal(Lwm2mValue.FromInteger(FirmwareUpdateEnabler.StateIdle), ((Lwm2mSingleResource)fw.Resources[3]).Value);
        Assert.False(fw.Resources.ContainsKey(0)); // Package is write-only
        var data = Assert.IsType<Lwm2mObject>(containers.Content);
        Assert.Equal([0, 1], data.Instances.Keys);
        var second = Assert.IsType<Lwm2mMultipleResource>(data.Instances[1].Resources[0]);
        Assert.Equal(new byte[] { 0xBE, 0xEF, 0x00 }, second.Instances[1].Value.AsOpaque());
    }

    [Theory]
    [InlineData(CoapContentFormat.TextPlain)]
    [InlineData(CoapContentFormat.Cbor)]
    public async Task ReadOfASingleValue_InASingleValueFormat(ushort format)
    {
        await using var bed = await TestBed.StartAsync();

        var read = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0/9"), format);

        Assert.Equal(Lwm2mValue.FromInteger(100), Assert.IsType<Lwm2mSingleResource>(read.Content).Value);
    }

    [Fact]
    public async Task ReadOfAnOpaqueResourceInstance_InOctetStream()
    {
        await using var bed = await TestBed.StartAsync();

        var read = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/19/0/0/0"), CoapContentFormat.OctetStream);

        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.IsType<Lwm2mResourceInstance>(read.Content).Value.AsOpaque());
    }

    [Fact]
    public async Task ReadWithoutAccept_AnswersInSenmlCbor()
    {
        await using var bed = await TestBed.StartAsync();
        var request = new CoapMessage(CoapCode.Get).SetUriPath("/3/0/0");

        var result = await bed.Server.SendAsync(bed.Registration, request).WaitAsync(TestBed.Timeout);

        Assert.Equal(CoapCode.Content, result.Response!.Code);
        Assert.Equal(CoapContentFormat.SenmlCbor, (ushort)result.Response.ContentFormat!.Value);
    }

    [Fact]
    public async Task ValuesSetLocally_AreWhatTheServerReads()
    {
        await using var bed = await TestBed.StartAsync();
        bed.Client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(42));
        bed.Client.Device!.SetValue(DeviceEnabler.ErrorCodeId, 1, Lwm2mValue.FromInteger(3));

        var battery = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0/9"));
        var errors = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0/11"));

        Assert.Equal(Lwm2mValue.FromInteger(42), Assert.IsType<Lwm2mSingleResource>(battery.Content).Value);
        Assert.Equal([0L, 3L], Assert.IsType<Lwm2mMultipleResource>(errors.Content).Instances.Values.Select(i => i.Value.AsInteger()));
    }

    [Theory]
    [InlineData("/3/0/0", CoapContentFormat.Lwm2mCbor, Lwm2mResponseCode.Content)]
    [InlineData("/3/0", CoapContentFormat.TextPlain, Lwm2mResponseCode.NotAcceptable)]
    [InlineData("/3/0/6", CoapContentFormat.Cbor, Lwm2mResponseCode.NotAcceptable)]
    [InlineData("/3/0/0", CoapContentFormat.OctetStream, Lwm2mResponseCode.NotAcceptable)]
    [InlineData("/3/0/0", CoapContentFormat.Json, Lwm2mResponseCode.NotAcceptable)]
    [InlineData("/5/0/0", CoapContentFormat.Lwm2mTlv, Lwm2mResponseCode.MethodNotAllowed)]
    [InlineData("/3/0/4", CoapContentFormat.Lwm2mTlv, Lwm2mResponseCode.MethodNotAllowed)]
    [InlineData("/3/1", CoapContentFormat.Lwm2mTlv, Lwm2mResponseCode.NotFound)]
    [InlineData("/3/0/42", CoapContentFormat.Lwm2mTlv, Lwm2mResponseCode.NotFound)]
    [InlineData("/3/0/7/9", CoapContentFormat.Lwm2mTlv, Lwm2mResponseCode.NotFound)]
    [InlineData("/42", CoapContentFormat.Lwm2mTlv, Lwm2mResponseCode.NotFound)]
    [InlineData("/0/0", CoapContentFormat.Lwm2mTlv, Lwm2mResponseCode.Unauthorized)]
    [InlineData("/0", CoapContentFormat.SenmlCbor, Lwm2mResponseCode.Unauthorized)]
    public async Task ReadAnswers(string path, ushort format, Lwm2mResponseCode expected)
    {
        await using var bed = await TestBed.StartAsync();

        var read = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse(path), format);

        Assert.Equal(Lwm2mOutcome.Response, read.Outcome);
        Assert.Equal(expected, read.Code);
    }

    [Fact]
    public async Task ClientOfferingOnlyTlv_AnswersOtherFormats406()
    {
        await using var bed = await TestBed.StartAsync(o => o.ContentFormats = [CoapContentFormat.Lwm2mTlv, CoapContentFormat.TextPlain]);

        var senml = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0"), CoapContentFormat.SenmlCbor);
        var tlv = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0"));

        Assert.Equal(Lwm2mResponseCode.NotAcceptable, senml.Code);
        Assert.True(tlv.IsSuccess, tlv.ToString()); // the server honours the ct the client declared
        Assert.Equal(CoapContentFormat.Lwm2mTlv, tlv.ContentFormat);
    }

    internal static InstanceEnabler CreateContainer(int id, params byte[][] data)
    {
        var container = new InstanceEnabler(TestBed.Model(19), id);
        container.SetValues(0, data.Select(Lwm2mValue.FromOpaque).ToArray());
        return container;
    }
}
