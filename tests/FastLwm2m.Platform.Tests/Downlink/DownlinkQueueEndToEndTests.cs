using FastLwm2m.Platform.Downlink;
using FastLwm2m.Platform.Rpc;

namespace FastLwm2m.Platform.Tests.Downlink;

/// <summary>RPCs to a sleeping queue-mode device: answered QUEUED, delivered in order on wake-up, dropped when their TTL runs out.</summary>
public class DownlinkQueueEndToEndTests
{
    private static string Timezone(string value) => $"{{\"id\":\"/3/0/15\",\"value\":\"{value}\"}}";

    [Fact]
    public async Task RpcToAnAwakeDevice_RunsNow()
    {
        await using var bed = await DownlinkTestBed.StartAsync();

        var result = await bed.Queue.ExecuteAsync(bed.Registration, "WriteReplace", Timezone("now")).WaitAsync(DownlinkTestBed.Timeout);

        Assert.Equal("{\"result\":\"CHANGED\"}", result.ToJson());
        Assert.Equal("now", bed.Timezone);
        Assert.Contains($"RPC WriteReplace {Timezone("now")} -> {{\"result\":\"CHANGED\"}}", await bed.LogLines());
    }

    [Fact]
    public async Task RpcsToASleepingDevice_AreQueued_ThenDeliveredInOrderWhenItWakes()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();

        var first = await bed.Queue.ExecuteAsync(bed.Registration, "WriteReplace", Timezone("first"));
        var second = await bed.Queue.ExecuteAsync(bed.Registration, "WriteReplace", Timezone("second"));

        Assert.Equal("QUEUED", first.Result);
        Assert.Equal($"{{\"result\":\"QUEUED\",\"value\":\"{first.Value}\"}}", first.ToJson());
        Assert.Equal("QUEUED", second.Result);
        Assert.Equal(new DownlinkQueueStatus(2, 0), await bed.Queue.GetStatusAsync(bed.Endpoint));
        Assert.NotEqual("second", bed.Timezone);

        var delivered = bed.LogLine(l => l.StartsWith($"Downlink delivered [{second.Value}]", StringComparison.Ordinal));
        await bed.Client.WakeUpAsync().WaitAsync(DownlinkTestBed.Timeout);
        await delivered;

        var lines = await bed.LogLines();
        int firstAt = IndexOf(lines, $"Downlink delivered [{first.Value}]");
        int secondAt = IndexOf(lines, $"Downlink delivered [{second.Value}]");
        Assert.True(firstAt >= 0 && firstAt < secondAt, string.Join("\n", lines));
        Assert.EndsWith("-> {\"result\":\"CHANGED\"}", lines[secondAt]);
        Assert.Equal("second", bed.Timezone);
        Assert.Equal(new DownlinkQueueStatus(0, 0), await bed.Queue.GetStatusAsync(bed.Endpoint));
    }

    [Fact]
    public async Task ExpiredRequests_AreDroppedAndLogged_TheOthersStillDelivered()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();

        var shortLived = await bed.Queue.ExecuteAsync(bed.Registration, "WriteReplace", Timezone("stale"), TimeSpan.FromMinutes(1));
        var longLived = await bed.Queue.ExecuteAsync(bed.Registration, "WriteReplace", Timezone("fresh"), TimeSpan.FromHours(1));
        bed.Clock.Advance(TimeSpan.FromMinutes(2));

        var delivered = bed.LogLine(l => l.StartsWith($"Downlink delivered [{longLived.Value}]", StringComparison.Ordinal));
        await bed.Client.WakeUpAsync().WaitAsync(DownlinkTestBed.Timeout);
        await delivered;

        Assert.Contains(await bed.LogLines(), l => l.StartsWith($"Downlink expired [{shortLived.Value}]", StringComparison.Ordinal));
        Assert.DoesNotContain(await bed.LogLines(), l => l.StartsWith($"Downlink delivered [{shortLived.Value}]", StringComparison.Ordinal));
        Assert.Equal("fresh", bed.Timezone);
        Assert.Equal(new DownlinkQueueStatus(0, 1), await bed.Queue.GetStatusAsync(bed.Endpoint));
    }

    [Fact]
    public async Task SweepExpired_DropsRequestsOfADeviceThatNeverWakes()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();
        var queued = await bed.Queue.ExecuteAsync(bed.Registration, "Read", "{\"id\":\"/3/0/9\"}", TimeSpan.FromMinutes(5));

        Assert.Empty(await bed.Queue.SweepExpiredAsync());
        bed.Clock.Advance(TimeSpan.FromMinutes(6));
        var dropped = await bed.Queue.SweepExpiredAsync();

        Assert.Equal([Guid.Parse(queued.Value!)], dropped.Select(r => r.Id));
        Assert.Contains(await bed.LogLines(), l => l.StartsWith($"Downlink expired [{queued.Value}]", StringComparison.Ordinal));
        Assert.Equal(new DownlinkQueueStatus(0, 1), await bed.Queue.GetStatusAsync(bed.Endpoint));
    }

    private static int IndexOf(IReadOnlyList<string> lines, string prefix)
    {
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    [Fact]
    public async Task QueuedRpc_LookedUpByItsId_IsQueued_ThenDeliveredWithTheDevicesResult()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();
        var queued = await bed.Queue.ExecuteAsync(bed.Registration, "Read", "{\"id\":\"/3/0/15\"}");
        Guid id = Guid.Parse(queued.Value!);

        var waiting = await bed.Queue.GetRequestStatusAsync(id);
        Assert.NotNull(waiting);
        Assert.Equal(DownlinkRequestState.Queued, waiting.State);
        Assert.Equal($"{{\"result\":\"QUEUED\",\"value\":\"{id}\"}}", waiting.ToResultJson());

        var delivered = bed.LogLine(l => l.StartsWith($"Downlink delivered [{id}]", StringComparison.Ordinal));
        await bed.Client.WakeUpAsync().WaitAsync(DownlinkTestBed.Timeout);
        await delivered;

        var done = await bed.Queue.GetRequestStatusAsync(id);
        Assert.NotNull(done);
        Assert.Equal(DownlinkRequestState.Delivered, done.State);
        Assert.StartsWith("{\"result\":\"CONTENT\",\"value\":\"LwM2mSingleResource [id=15,", done.ToResultJson(), StringComparison.Ordinal);
        Assert.NotNull(done.CompletedAt);
        Assert.Null(await bed.Queue.GetRequestStatusAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task QueuedRpc_PastItsTtl_IsExpired_AndACancelledOneIsCancelled()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();
        var expiring = Guid.Parse((await bed.Queue.ExecuteAsync(bed.Registration, "Read", "{\"id\":\"/3/0/9\"}", TimeSpan.FromMinutes(1))).Value!);
        var cancelling = Guid.Parse((await bed.Queue.ExecuteAsync(bed.Registration, "Read", "{\"id\":\"/3/0/0\"}", TimeSpan.FromHours(1))).Value!);

        Assert.NotNull(await bed.Queue.CancelAsync(cancelling));
        bed.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Single(await bed.Queue.SweepExpiredAsync());

        var expired = await bed.Queue.GetRequestStatusAsync(expiring);
        Assert.Equal(DownlinkRequestState.Expired, expired!.State);
        Assert.StartsWith("{\"result\":\"EXPIRED\",\"error\":\"the device did not wake up before the request's TTL ran out", expired.ToResultJson(), StringComparison.Ordinal);
        var cancelled = await bed.Queue.GetRequestStatusAsync(cancelling);
        Assert.Equal(DownlinkRequestState.Cancelled, cancelled!.State);
        Assert.StartsWith("{\"result\":\"CANCELED\"", cancelled.ToResultJson(), StringComparison.Ordinal);
        Assert.Equal(new DownlinkQueueStatus(0, 1), await bed.Queue.GetStatusAsync(bed.Endpoint));
    }

    [Fact]
    public async Task ARequestBeingDelivered_CanNeitherBeCancelledNorExpire_AndEndsDeliveredWithTheDevicesResult()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();
        Guid id = Guid.Parse((await bed.Queue.ExecuteAsync(bed.Registration, "WriteReplace", Timezone("in-flight"), TimeSpan.FromMinutes(1))).Value!);

        // The device sends a lifetime Update while it still sleeps: the server takes it as awake and
        // sends the request, which the sleeping client acknowledges and answers only when it wakes up.
        var sending = bed.LogLine(l => l.StartsWith("Downlink delivered", StringComparison.Ordinal));
        Assert.True((await bed.Client.UpdateAsync().WaitAsync(DownlinkTestBed.Timeout)).IsSuccess);
        await WaitUntilAsync(() => bed.Queue.IsBeingDelivered(id));

        Assert.Null(await bed.Queue.CancelAsync(id));
        bed.Clock.Advance(TimeSpan.FromMinutes(2)); // past its TTL while in flight
        Assert.Empty(await bed.Queue.SweepExpiredAsync());
        Assert.Equal(DownlinkRequestState.Queued, (await bed.Queue.GetRequestStatusAsync(id))!.State);

        await bed.Client.WakeUpAsync().WaitAsync(DownlinkTestBed.Timeout);
        await sending.WaitAsync(DownlinkTestBed.Timeout);

        var done = await bed.Queue.GetRequestStatusAsync(id);
        Assert.Equal(DownlinkRequestState.Delivered, done!.State);
        Assert.Equal("{\"result\":\"CHANGED\"}", done.ResultJson);
        Assert.Equal("in-flight", bed.Timezone);
        Assert.Equal(new DownlinkQueueStatus(0, 0), await bed.Queue.GetStatusAsync(bed.Endpoint));
        Assert.DoesNotContain(await bed.LogLines(), l => l.StartsWith($"Downlink cancelled [{id}]", StringComparison.Ordinal) || l.StartsWith($"Downlink expired [{id}]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerLocalMethods_ToASleepingDevice_RunAtOnce()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();

        var cancelAll = await bed.Queue.ExecuteAsync(bed.Registration, "ObserveCancelAll", null);
        var discoverAll = await bed.Queue.ExecuteAsync(bed.Registration, "DiscoverAll", null);

        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"0\"}", cancelAll.ToJson());
        Assert.Equal("CONTENT", discoverAll.Result);
        Assert.Contains("\"url\":\"/3/0\"", discoverAll.Value, StringComparison.Ordinal);
        Assert.Equal(0, (await bed.Queue.GetStatusAsync(bed.Endpoint)).Depth);
    }

    [Fact]
    public async Task PurgeDevice_DropsItsQueueOutcomesAndExpiredTotal()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();
        Guid expiring = Guid.Parse((await bed.Queue.ExecuteAsync(bed.Registration, "Read", "{\"id\":\"/3/0/9\"}", TimeSpan.FromMinutes(1))).Value!);
        Guid waiting = Guid.Parse((await bed.Queue.ExecuteAsync(bed.Registration, "Read", "{\"id\":\"/3/0/0\"}", TimeSpan.FromHours(1))).Value!);
        bed.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Single(await bed.Queue.SweepExpiredAsync());
        Assert.Equal(new DownlinkQueueStatus(1, 1), await bed.Queue.GetStatusAsync(bed.Endpoint));

        Assert.Equal(1, await bed.Queue.PurgeDeviceAsync(bed.Endpoint));

        Assert.Equal(new DownlinkQueueStatus(0, 0), await bed.Queue.GetStatusAsync(bed.Endpoint));
        Assert.Null(await bed.Queue.GetRequestStatusAsync(expiring));
        Assert.Null(await bed.Queue.GetRequestStatusAsync(waiting));
    }

    [Fact]
    public async Task RequestsQueuedBeforeARestart_AreDeliveredByTheNewQueue_WhenTheDeviceWakes()
    {
        await using var bed = await DownlinkTestBed.StartAsync();
        bed.FallAsleep();
        var stored = await bed.Store.EnqueueAsync(DownlinkRequest.Rpc(bed.Endpoint, "WriteReplace", Timezone("after-restart"), bed.Clock.GetUtcNow(), TimeSpan.FromHours(1)));
        await using var restarted = new DownlinkQueue(bed.Server, bed.Store, new RpcService(bed.Server), bed.Log, new DownlinkQueueOptions { ExpiryScanInterval = TimeSpan.Zero }, bed.Clock);

        var delivered = bed.LogLine(l => l.StartsWith($"Downlink delivered [{stored.Id}]", StringComparison.Ordinal));
        await bed.Client.WakeUpAsync().WaitAsync(DownlinkTestBed.Timeout);

        Assert.EndsWith("-> {\"result\":\"CHANGED\"}", await delivered);
        Assert.Equal("after-restart", bed.Timezone);
        Assert.Equal(DownlinkRequestState.Delivered, (await restarted.GetRequestStatusAsync(stored.Id))!.State);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(DownlinkTestBed.Timeout);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
