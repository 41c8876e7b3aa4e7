using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Tests.Execute;

/// <summary>Execute (Core §6.3.5), and the state machines of Firmware Update (5) and Software Management (9).</summary>
public class ExecuteTests
{
    [Fact]
    public async Task ExecuteOfReboot_RaisesTheDeviceEvent()
    {
        await using var bed = await TestBed.StartAsync();
        var rebooted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Client.Device!.RebootRequested += _ => rebooted.TrySetResult();

        var execute = await bed.Server.ExecuteAsync(bed.Registration, Lwm2mPath.Parse("/3/0/4"));

        Assert.Equal(Lwm2mResponseCode.Changed, execute.Code);
        await rebooted.Task.WaitAsync(TestBed.Timeout);
    }

    [Fact]
    public async Task ExecuteWithArguments_HandsThemToTheInstance()
    {
        await using var bed = await TestBed.StartAsync();
        var executed = new TaskCompletionSource<(int, ExecuteArguments)>(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Client.Device!.Executed += (_, id, arguments) => executed.TrySetResult((id, arguments));

        var execute = await bed.Server.ExecuteAsync(bed.Registration, Lwm2mPath.Parse("/3/0/5"), "0='now',1");

        Assert.Equal(Lwm2mResponseCode.Changed, execute.Code);
        var (resource, args) = await executed.Task.WaitAsync(TestBed.Timeout);
        Assert.Equal(5, resource);
        Assert.Equal("now", args[0]);
        Assert.True(args.Contains(1));
        Assert.Null(args[1]);
    }

    [Theory]
    [InlineData("/3/0/4", "not-arguments", Lwm2mResponseCode.BadRequest)]
    [InlineData("/3/0/9", null, Lwm2mResponseCode.MethodNotAllowed)]
    [InlineData("/3/0/42", null, Lwm2mResponseCode.NotFound)]
    [InlineData("/3/1/4", null, Lwm2mResponseCode.NotFound)]
    [InlineData("/0/0/1", null, Lwm2mResponseCode.Unauthorized)]
    [InlineData("/5/0/2", null, Lwm2mResponseCode.BadRequest)] // Update without a downloaded package
    public async Task ExecuteAnswers(string path, string? arguments, Lwm2mResponseCode expected)
    {
        await using var bed = await TestBed.StartAsync();

        var execute = await bed.Server.ExecuteAsync(bed.Registration, Lwm2mPath.Parse(path), arguments);

        Assert.Equal(expected, execute.Code);
    }

    [Fact]
    public async Task ResetErrorCode_ClearsTheErrorCodes()
    {
        await using var bed = await TestBed.StartAsync();
        bed.Client.Device!.SetValues(DeviceEnabler.ErrorCodeId, Lwm2mValue.FromInteger(2), Lwm2mValue.FromInteger(5));

        await bed.Server.ExecuteAsync(bed.Registration, Lwm2mPath.Parse("/3/0/12"));

        Assert.Equal([0L], Assert.IsType<Lwm2mMultipleResource>(bed.Client.Device.GetResource(DeviceEnabler.ErrorCodeId)).Instances.Values.Select(v => v.Value.AsInteger()));
    }

    [Fact]
    public async Task FirmwareUpdate_ByPackageUri_GoesThroughItsStates()
    {
        await using var bed = await TestBed.StartAsync();
        var registration = bed.Registration;
        string? requested = null;
        bed.Client.FirmwareUpdate!.DownloadRequested += (_, uri) => requested = uri;

        var write = await bed.Server.WriteAsync(registration, Lwm2mPath.Parse("/5/0/1"), new Lwm2mSingleResource(1, Lwm2mValue.FromString("coap://example.com/fw.bin")));
        var downloaded = await bed.Server.ReadAsync(registration, Lwm2mPath.Parse("/5/0/3"));
        var update = await bed.Server.ExecuteAsync(registration, Lwm2mPath.Parse("/5/0/2"));
        var state = await bed.Server.ReadAsync(registration, Lwm2mPath.Parse("/5/0"));

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        Assert.Equal("coap://example.com/fw.bin", requested);
        Assert.Equal(Lwm2mValue.FromInteger(FirmwareUpdateEnabler.StateDownloaded), Assert.IsType<Lwm2mSingleResource>(downloaded.Content).Value);
        Assert.Equal(Lwm2mResponseCode.Changed, update.Code);
        var fw = Assert.IsType<Lwm2mObjectInstance>(state.Content);
        Assert.Equal(Lwm2mValue.FromInteger(FirmwareUpdateEnabler.StateIdle), ((Lwm2mSingleResource)fw.Resources[3]).Value);
        Assert.Equal(Lwm2mValue.FromInteger(FirmwareUpdateEnabler.ResultSuccess), ((Lwm2mSingleResource)fw.Resources[5]).Value);
    }

    [Fact]
    public async Task FirmwareUpdate_DrivenByTheApplication()
    {
        await using var bed = await TestBed.StartAsync();
        var firmware = bed.Client.FirmwareUpdate!;
        firmware.AutoComplete = false;

        await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/5/0/1"), new Lwm2mSingleResource(1, Lwm2mValue.FromString("http://example.com/fw")));
        Assert.Equal(FirmwareUpdateEnabler.StateDownloading, firmware.State);
        firmware.CompleteDownload(success: true);
        await bed.Server.ExecuteAsync(bed.Registration, Lwm2mPath.Parse("/5/0/2"));
        Assert.Equal(FirmwareUpdateEnabler.StateUpdating, firmware.State);
        firmware.CompleteUpdate(success: false);

        Assert.Equal(FirmwareUpdateEnabler.StateIdle, firmware.State);
        Assert.Equal(FirmwareUpdateEnabler.ResultUpdateFailed, firmware.UpdateResult);
    }

    [Fact]
    public async Task InvalidPackageUri_IsRefusedWithResultInvalidUri()
    {
        await using var bed = await TestBed.StartAsync();

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/5/0/1"), new Lwm2mSingleResource(1, Lwm2mValue.FromString("not a uri")));

        Assert.Equal(Lwm2mResponseCode.BadRequest, write.Code);
        Assert.Equal(FirmwareUpdateEnabler.ResultInvalidUri, bed.Client.FirmwareUpdate!.UpdateResult);
    }

    [Fact]
    public async Task SoftwareManagement_DeliverInstallActivateUninstall()
    {
        await using var bed = await TestBed.StartAsync();
        var registration = bed.Registration;
        var software = bed.Client.GetObject(9)!.GetInstance<SoftwareManagementEnabler>(0)!;

        var deliver = await bed.Server.WriteAsync(registration, Lwm2mPath.Parse("/9/0/2"), new Lwm2mSingleResource(2, Lwm2mValue.FromOpaque(new byte[4096])), contentFormat: CoapContentFormat.OctetStream);
        Assert.Equal(Lwm2mResponseCode.Changed, deliver.Code);
        Assert.Equal(SoftwareManagementEnabler.StateDelivered, software.UpdateState);

        Assert.Equal(Lwm2mResponseCode.Changed, (await bed.Server.ExecuteAsync(registration, Lwm2mPath.Parse("/9/0/4"))).Code);
        Assert.Equal(SoftwareManagementEnabler.StateInstalled, software.UpdateState);
        Assert.Equal(Lwm2mResponseCode.Changed, (await bed.Server.ExecuteAsync(registration, Lwm2mPath.Parse("/9/0/10"))).Code);
        var active = await bed.Server.ReadAsync(registration, Lwm2mPath.Parse("/9/0/12"));
        Assert.Equal(Lwm2mValue.FromBoolean(true), Assert.IsType<Lwm2mSingleResource>(active.Content).Value);

        Assert.Equal(Lwm2mResponseCode.Changed, (await bed.Server.ExecuteAsync(registration, Lwm2mPath.Parse("/9/0/6"), "0")).Code);
        Assert.Equal(SoftwareManagementEnabler.StateInitial, software.UpdateState);
        Assert.Equal(Lwm2mResponseCode.BadRequest, (await bed.Server.ExecuteAsync(registration, Lwm2mPath.Parse("/9/0/10"))).Code);
    }
}
