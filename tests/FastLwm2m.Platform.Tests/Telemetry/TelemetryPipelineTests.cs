using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Telemetry;

namespace FastLwm2m.Platform.Tests.Telemetry;

/// <summary>
/// Notifications to committed telemetry, end to end on loopback with the client library: a
/// confirmable notification is acknowledged only after its batch is written; a failed write leaves
/// it unacknowledged, and the device's retransmission is taken once the store recovers.
/// </summary>
public class TelemetryPipelineTests
{
    [Fact]
    public async Task ConfirmableNotification_IsAcknowledgedAfterTheCommit_AndRetriedWhileTheStoreFails()
    {
        var store = new InMemoryTelemetryStore { Fail = true };
        await using var pipeline = new TelemetryPipeline(store);
        await using var bed = await TelemetryTestBed.StartAsync(pipeline);

        bed.Client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(55));

        // The store fails: the write is retried only because the device retransmits (nothing was ACKed).
        await TelemetryTestBed.WaitUntil(() => pipeline.FailedWrites >= 1, "a failed write");
        Assert.Empty(await store.GetLatestAsync(bed.Client.EndpointName));
        store.Fail = false;

        await TelemetryTestBed.WaitUntil(() => pipeline.WrittenPoints >= 1, "the retransmitted notification committed");
        var latest = await store.GetLatestAsync(bed.Client.EndpointName);
        Assert.Equal(Lwm2mValue.FromInteger(55), Assert.Single(latest).Value);
        Assert.Equal("batteryLevel", latest[0].Key);
        Assert.True(bed.Client.Coap!.GetCounters().Retransmissions >= 1);
        Assert.Equal(0, bed.Client.Coap.GetCounters().Timeouts);
    }

    [Fact]
    public async Task FullPipeline_RefusesTheOffer_AndNothingIsTaken()
    {
        var store = new BlockingStore();
        await using var pipeline = new TelemetryPipeline(store, new TelemetryPipelineOptions { Capacity = 1, MaxPointsPerWrite = 1 });
        var point = new TelemetryPoint("d", "k", 1, Lwm2mValue.FromInteger(1));

        Assert.True(pipeline.TryOffer([point], null)); // taken by the writer, which blocks in the store
        await store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(pipeline.TryOffer([point], null)); // fills the one slot
        Assert.False(pipeline.TryOffer([point], null)); // full: refused, not dropped silently
        Assert.Equal(1, pipeline.Refused);

        store.Release.SetResult();
        await pipeline.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, pipeline.WrittenPoints);
    }

    private sealed class BlockingStore : ITelemetryStore
    {
        public readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task AppendAsync(IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await Release.Task.ConfigureAwait(false);
        }

        public Task<IReadOnlyList<TelemetryPoint>> GetLatestAsync(string device, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<TelemetryPoint>>([]);

        public Task<IReadOnlyList<TelemetryPoint>> GetHistoryAsync(string device, string key, long fromMilliseconds, long toMilliseconds, int limit = 10_000, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<TelemetryPoint>>([]);
    }
}
