using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Tests.Write;

/// <summary>Write (Core §6.3.3): Replace (PUT) and Partial Update (POST) in every content format.</summary>
public class WriteTests
{
    public static TheoryData<ushort> AllFormats => TestBed.AllFormats;

    private static readonly Lwm2mPath Container = Lwm2mPath.Parse("/19/0");

    [Theory]
    [MemberData(nameof(AllFormats))]
    [InlineData(CoapContentFormat.TextPlain)]
    [InlineData(CoapContentFormat.Cbor)]
    public async Task WriteOfASingleResource_ReplacesItsValue(ushort format)
    {
        await using var bed = await TestBed.StartAsync();

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/3/0/14"), new Lwm2mSingleResource(14, Lwm2mValue.FromString("+02:00")), contentFormat: format);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        Assert.Equal(Lwm2mValue.FromString("+02:00"), bed.Client.Device!.GetValue(14));
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task WriteOfTheFirmwarePackageUri_StartsTheDownload(ushort format)
    {
        await using var bed = await TestBed.StartAsync();

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/5/0/1"), new Lwm2mSingleResource(1, Lwm2mValue.FromString("coaps://fw.example/1.2.bin")), contentFormat: format);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        Assert.Equal(FirmwareUpdateEnabler.StateDownloaded, bed.Client.FirmwareUpdate!.State);
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task ReplaceOfAnInstance_SetsWhatItCarriesAndDropsTheOptionalResourcesItDoesNot(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        var container = bed.Client.GetInstance(19, 0)!;
        container.SetValue(3, Lwm2mValue.FromString("to be dropped"));
        var instance = new Lwm2mObjectInstance(0,
        [
            new Lwm2mMultipleResource(0, ResourceType.Opaque, [new Lwm2mResourceInstance(0, Lwm2mValue.FromOpaque([0xAA])), new Lwm2mResourceInstance(5, Lwm2mValue.FromOpaque([0xBB, 0xCC]))]),
            new Lwm2mSingleResource(1, Lwm2mValue.FromInteger(3)),
        ]);

        var write = await bed.Server.WriteAsync(bed.Registration, Container, instance, replace: true, contentFormat: format);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        var data = Assert.IsType<Lwm2mMultipleResource>(container.GetResource(0));
        Assert.Equal([0, 5], data.Instances.Keys);
        Assert.Equal(new byte[] { 0xBB, 0xCC }, data.Instances[5].Value.AsOpaque());
        Assert.Equal(Lwm2mValue.FromInteger(3), container.GetValue(1));
        Assert.Null(container.GetResource(3));
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task PartialUpdateOfAnInstance_AddsResourceInstancesAndKeepsTheRest(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        var container = bed.Client.GetInstance(19, 0)!;
        container.SetValue(3, Lwm2mValue.FromString("kept"));
        var update = new Lwm2mObjectInstance(0, [new Lwm2mMultipleResource(0, ResourceType.Opaque, [new Lwm2mResourceInstance(7, Lwm2mValue.FromOpaque([0x07]))])]);

        var write = await bed.Server.WriteAsync(bed.Registration, Container, update, replace: false, contentFormat: format);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        var data = Assert.IsType<Lwm2mMultipleResource>(container.GetResource(0));
        Assert.Equal([0, 7], data.Instances.Keys);
        Assert.Equal(Lwm2mValue.FromString("kept"), container.GetValue(3));
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    public async Task WriteOfAMultipleResource_ReplacesAllItsInstances(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        var resource = new Lwm2mMultipleResource(0, ResourceType.Opaque, [new Lwm2mResourceInstance(2, Lwm2mValue.FromOpaque([0x22])), new Lwm2mResourceInstance(3, Lwm2mValue.FromOpaque([0x33]))]);

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/19/0/0"), resource, contentFormat: format);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        Assert.Equal([2, 3], Assert.IsType<Lwm2mMultipleResource>(bed.Client.GetInstance(19, 0)!.GetResource(0)).Instances.Keys);
    }

    [Theory]
    [MemberData(nameof(AllFormats))]
    [InlineData(CoapContentFormat.OctetStream)]
    public async Task WriteOfAResourceInstance_AddsItToTheMultipleResource(ushort format)
    {
        await using var bed = await TestBed.StartAsync();

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/19/0/0/4"), new Lwm2mResourceInstance(4, Lwm2mValue.FromOpaque([0x44])), contentFormat: format);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        var data = Assert.IsType<Lwm2mMultipleResource>(bed.Client.GetInstance(19, 0)!.GetResource(0));
        Assert.Equal([0, 4], data.Instances.Keys);
    }

    [Fact]
    public async Task BlockwiseWriteOf50KB_DeliversTheFirmwarePackageWhole()
    {
        await using var bed = await TestBed.StartAsync();
        var package = new byte[50 * 1024];
        new Random(7).NextBytes(package);

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/5/0/0"), new Lwm2mSingleResource(0, Lwm2mValue.FromOpaque(package)), contentFormat: CoapContentFormat.OctetStream);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        var firmware = bed.Client.FirmwareUpdate!;
        Assert.Equal(package, firmware.Package);
        Assert.Equal(FirmwareUpdateEnabler.StateDownloaded, firmware.State);
    }

    [Fact]
    public async Task BlockwiseWriteOf50KB_IntoABinaryAppDataContainer()
    {
        await using var bed = await TestBed.StartAsync();
        var blob = new byte[50 * 1024];
        new Random(11).NextBytes(blob);
        var resource = new Lwm2mMultipleResource(0, ResourceType.Opaque, [new Lwm2mResourceInstance(0, Lwm2mValue.FromOpaque(blob))]);

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/19/0/0"), resource, contentFormat: CoapContentFormat.SenmlCbor);
        var read = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/19/0/0/0"), CoapContentFormat.OctetStream);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        Assert.Equal(blob, Assert.IsType<Lwm2mResourceInstance>(read.Content).Value.AsOpaque());
    }

    [Fact]
    public async Task WriteOfCurrentTime_SetsTheDeviceClock()
    {
        await using var bed = await TestBed.StartAsync();
        var time = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/3/0/13"), new Lwm2mSingleResource(13, Lwm2mValue.FromTime(time)));
        var read = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0/13"));

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        var readBack = Assert.IsType<Lwm2mSingleResource>(read.Content).Value.AsTime();
        Assert.InRange(readBack, time, time.AddSeconds(30));
    }

    [Fact]
    public async Task WriteOfAReadOnlyResource_IsMethodNotAllowed()
    {
        await using var bed = await TestBed.StartAsync();

        var resource = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/3/0/0"), new Lwm2mSingleResource(0, Lwm2mValue.FromString("x")));
        var instance = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/3/0"), new Lwm2mObjectInstance(0, [new Lwm2mSingleResource(0, Lwm2mValue.FromString("x"))]), replace: false);

        Assert.Equal(Lwm2mResponseCode.MethodNotAllowed, resource.Code);
        Assert.Equal(Lwm2mResponseCode.MethodNotAllowed, instance.Code);
        Assert.Equal(Lwm2mValue.FromString("FastLwm2m"), bed.Client.Device!.GetValue(0));
    }

    [Fact]
    public async Task ReplaceWithoutAMandatoryWritableResource_IsBadRequest()
    {
        await using var bed = await TestBed.StartAsync();

        var write = await bed.Server.WriteAsync(bed.Registration, Container, new Lwm2mObjectInstance(0, [new Lwm2mSingleResource(1, Lwm2mValue.FromInteger(1))]), replace: true);

        Assert.Equal(Lwm2mResponseCode.BadRequest, write.Code);
        Assert.Null(bed.Client.GetInstance(19, 0)!.GetResource(1)); // nothing applied
    }

    [Fact]
    public async Task WriteToAMissingInstance_IsNotFound()
    {
        await using var bed = await TestBed.StartAsync();

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/19/9/1"), new Lwm2mSingleResource(1, Lwm2mValue.FromInteger(1)));

        Assert.Equal(Lwm2mResponseCode.NotFound, write.Code);
    }

    [Fact]
    public async Task WriteInAFormatTheClientDoesNotSpeak_IsUnsupportedContentFormat()
    {
        await using var bed = await TestBed.StartAsync(o => o.ContentFormats = [CoapContentFormat.Lwm2mTlv]);

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/3/0/14"), new Lwm2mSingleResource(14, Lwm2mValue.FromString("x")), contentFormat: CoapContentFormat.SenmlCbor);

        Assert.Equal(Lwm2mResponseCode.UnsupportedContentFormat, write.Code);
    }

    [Fact]
    public async Task WriteOfAnUndecodablePayload_IsBadRequestWithADiagnostic()
    {
        await using var bed = await TestBed.StartAsync();
        var request = new CoapMessage(CoapCode.Put).SetUriPath("/3/0/14");
        request.ContentFormat = CoapContentFormat.Lwm2mTlv;
        request.Payload = new byte[] { 0xFF, 0xFF, 0x01 };

        var result = await bed.Server.SendAsync(bed.Registration, request).WaitAsync(TestBed.Timeout);

        Assert.Equal(CoapCode.BadRequest, result.Response!.Code);
        Assert.Equal(CoapContentFormat.TextPlain, (ushort)result.Response.ContentFormat!.Value);
        Assert.Contains("cannot decode", result.Response.PayloadText);
    }
}
