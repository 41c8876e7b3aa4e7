namespace FastLwm2m.Platform.Tests.Downlink;

/// <summary>Shared attribute updates: a Write now to an awake device, queued for a sleeping one, refused for a read-only resource.</summary>
public class SharedAttributeEndToEndTests
{
    [Fact]
    public async Task SharedAttribute_ToAnAwakeDevice_IsWrittenNow()
    {
        await using var bed = await DownlinkTestBed.StartAsync();

        var result = await bed.Attributes.UpdateAsync(bed.Endpoint, "timezone", "\"+03:00\"").WaitAsync(DownlinkTestBed.Timeout);

        Assert.Equal("CHANGED", result.Result);
        Assert.Equal("+03:00", bed.Timezone);
        Assert.Contains(await bed.LogLines(), l => l.StartsWith("Shared attribute timezone = \"+03:00\" -> Write", StringComparison.Ordinal) && l.EndsWith("CHANGED\"}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SharedAttribute_ToASleepingDevice_IsQueued_ThenWrittenWhenItWakes()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();

        var result = await bed.Attributes.UpdateAsync(bed.Endpoint, "timezone", "\"Europe/Kyiv\"");

        Assert.Equal("QUEUED", result.Result);
        Assert.Equal(1, (await bed.Queue.GetStatusAsync(bed.Endpoint)).Depth);
        var delivered = bed.LogLine(l => l.StartsWith($"Downlink delivered [{result.Value}]", StringComparison.Ordinal));
        await bed.Client.WakeUpAsync().WaitAsync(DownlinkTestBed.Timeout);

        Assert.EndsWith("-> {\"result\":\"CHANGED\"}", await delivered);
        Assert.Equal("Europe/Kyiv", bed.Timezone);
        Assert.Equal(0, (await bed.Queue.GetStatusAsync(bed.Endpoint)).Depth);
    }

    [Fact]
    public async Task SharedAttribute_ToADeviceThatIsNotRegistered_IsPending_ThenWrittenWhenItRegisters()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        await bed.Client.StopAsync().WaitAsync(DownlinkTestBed.Timeout);
        Assert.Null(bed.Server.Registrations.Store.GetByEndpoint(bed.Endpoint));

        var result = await bed.Attributes.UpdateAsync(bed.Endpoint, "timezone", "\"Asia/Tokyo\"");

        Assert.Equal("QUEUED", result.Result);
        var delivered = bed.LogLine(l => l.StartsWith($"Downlink delivered [{result.Value}]", StringComparison.Ordinal));
        var registered = await bed.Client.StartAsync().WaitAsync(DownlinkTestBed.Timeout);
        Assert.True(registered.IsSuccess, registered.ToString());

        Assert.EndsWith("-> {\"result\":\"CHANGED\"}", await delivered);
        Assert.Equal("Asia/Tokyo", bed.Timezone);
    }

    [Fact]
    public async Task SharedAttribute_OfAReadOnlyResource_IsRefused()
    {
        await using var bed = await DownlinkTestBed.StartAsync();

        var result = await bed.Attributes.UpdateAsync(bed.Endpoint, "batteryLevel", "50");

        Assert.Equal("BAD_REQUEST", result.Result);
        Assert.Contains("not writable", result.Error);
        Assert.Contains(await bed.LogLines(), l => l.StartsWith("Shared attribute batteryLevel = 50 refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SharedAttribute_OfAnUnmappedKey_IsRefused()
    {
        await using var bed = await DownlinkTestBed.StartAsync();

        var result = await bed.Attributes.UpdateAsync(bed.Endpoint, "nope", "1");

        Assert.Equal("BAD_REQUEST", result.Result);
        Assert.Contains("\"nope\" is not mapped", result.Error);
    }
}
