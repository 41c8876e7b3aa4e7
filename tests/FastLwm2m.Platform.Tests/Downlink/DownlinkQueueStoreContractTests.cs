using FastLwm2m.Platform.Downlink;

namespace FastLwm2m.Platform.Tests.Downlink;

/// <summary>The behaviour of an <see cref="IDownlinkQueueStore"/>, run against each implementation by a derived class.</summary>
public abstract class DownlinkQueueStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    protected IDownlinkQueueStore Store { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IDownlinkQueueStore> CreateStoreAsync();

    /// <summary>The same store's data seen afresh (as after a restart).</summary>
    protected abstract Task<IDownlinkQueueStore> ReopenStoreAsync();

    public virtual async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task QueuedRequests_SurviveReopening_InOrder()
    {
        var first = DownlinkRequest.Rpc("sleepy", "WriteReplace", "{\"id\":\"/3/0/15\",\"value\":\"A\"}", Now, TimeSpan.FromHours(1));
        var second = DownlinkRequest.SharedAttributeWrite("sleepy", "timezone", "\"+2\"", Now, TimeSpan.FromHours(1));
        var other = DownlinkRequest.Rpc("other", "Read", "{\"id\":\"/3/0/9\"}", Now, TimeSpan.FromHours(1));
        var a = await Store.EnqueueAsync(first);
        await Store.EnqueueAsync(other);
        var b = await Store.EnqueueAsync(second);
        Assert.True(a.Sequence < b.Sequence);

        var store = await ReopenStoreAsync();
        var queued = await store.ListAsync("sleepy");

        Assert.Equal([first.Id, second.Id], queued.Select(r => r.Id));
        Assert.Equal(first with { Sequence = queued[0].Sequence }, queued[0]);
        Assert.Equal(second with { Sequence = queued[1].Sequence }, queued[1]);
        Assert.Equal(2, await store.CountAsync("sleepy"));
        Assert.Equal(first.Id, (await store.PeekAsync("sleepy"))!.Id);
        Assert.Equal(queued[1], await store.GetAsync(second.Id));
        Assert.Equal(["other", "sleepy"], (await store.ListEndpointsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Remove_ReturnsTheRequest_AndThePeekMovesOn()
    {
        var first = await Store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromHours(1)));
        var second = await Store.EnqueueAsync(DownlinkRequest.Rpc("d", "Discover", null, Now, TimeSpan.FromHours(1)));

        Assert.Equal(first, await Store.RemoveAsync(first.Id));
        Assert.Null(await Store.RemoveAsync(first.Id));
        Assert.Equal(second, await Store.PeekAsync("d"));
        Assert.Equal(1, await Store.CountAsync("d"));
        Assert.Null(await Store.PeekAsync("nobody"));
        Assert.Null(await Store.GetOutcomeAsync(first.Id)); // a plain removal keeps no outcome
    }

    [Fact]
    public async Task ListExpired_GivesOnlyRequestsPastTheirTtl()
    {
        var shortLived = await Store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromMinutes(1)));
        await Store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromHours(1)));

        Assert.Empty(await Store.ListExpiredAsync(Now + TimeSpan.FromSeconds(59)));
        Assert.Equal([shortLived.Id], (await Store.ListExpiredAsync(Now + TimeSpan.FromMinutes(2))).Select(r => r.Id));
    }

    [Fact]
    public async Task CompleteAsExpired_RemovesTheRequestAndCountsIt_AndTheCountSurvivesReopening()
    {
        var first = await Store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromMinutes(1)));
        var second = await Store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromMinutes(1)));
        var delivered = await Store.EnqueueAsync(DownlinkRequest.Rpc("d", "Discover", null, Now, TimeSpan.FromMinutes(1)));
        await Store.EnqueueAsync(DownlinkRequest.Rpc("other", "Read", null, Now, TimeSpan.FromHours(1)));

        Assert.Equal(first, await Store.CompleteAsync(first.Id, DownlinkRequestState.Expired, null, Now));
        Assert.Equal(delivered, await Store.RemoveAsync(delivered.Id));
        Assert.Null(await Store.CompleteAsync(delivered.Id, DownlinkRequestState.Expired, null, Now)); // gone meanwhile: not counted
        Assert.Equal(1, await Store.CountExpiredAsync("d"));

        var store = await ReopenStoreAsync();
        Assert.Equal(1, await store.CountExpiredAsync("d"));
        Assert.Equal(second, await store.CompleteAsync(second.Id, DownlinkRequestState.Expired, null, Now));
        Assert.Equal(2, await store.CountExpiredAsync("d"));
        Assert.Equal(0, await store.CountExpiredAsync("other"));
        Assert.Equal(0, await store.CountAsync("d"));
        Assert.Equal(1, await store.CountAsync("other"));
    }

    [Fact]
    public async Task Outcomes_AreKeptAcrossReopening_UntilPruned()
    {
        var delivered = await Store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", "{\"id\":\"/3/0/9\"}", Now, TimeSpan.FromHours(1)));
        var cancelled = await Store.EnqueueAsync(DownlinkRequest.SharedAttributeWrite("d", "timezone", "\"+2\"", Now, TimeSpan.FromHours(1)));
        var queued = await Store.EnqueueAsync(DownlinkRequest.Rpc("d", "Discover", null, Now, TimeSpan.FromHours(1)));

        Assert.Equal(delivered, await Store.CompleteAsync(delivered.Id, DownlinkRequestState.Delivered, "{\"result\":\"CONTENT\"}", Now.AddMinutes(1)));
        Assert.Equal(cancelled, await Store.CompleteAsync(cancelled.Id, DownlinkRequestState.Cancelled, null, Now.AddMinutes(2)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.CompleteAsync(queued.Id, DownlinkRequestState.Queued, null, Now));

        var store = await ReopenStoreAsync();
        var outcome = await store.GetOutcomeAsync(delivered.Id);

        Assert.NotNull(outcome);
        Assert.Equal(delivered, outcome.Request);
        Assert.Equal(DownlinkRequestState.Delivered, outcome.State);
        Assert.Equal("{\"result\":\"CONTENT\"}", outcome.ResultJson);
        Assert.Equal(Now.AddMinutes(1), outcome.CompletedAt);
        Assert.Equal(DownlinkRequestState.Cancelled, (await store.GetOutcomeAsync(cancelled.Id))!.State);
        Assert.Null(await store.GetOutcomeAsync(queued.Id));
        Assert.Equal(queued, await store.GetAsync(queued.Id));
        Assert.Null(await store.GetAsync(delivered.Id));
        Assert.Equal(0, await store.CountExpiredAsync("d"));

        Assert.Equal(1, await store.PruneOutcomesAsync(Now.AddMinutes(1.5)));
        Assert.Null(await store.GetOutcomeAsync(delivered.Id));
        Assert.NotNull(await store.GetOutcomeAsync(cancelled.Id));
    }

    [Fact]
    public async Task DeleteDevice_DropsItsQueueOutcomesAndExpiredTotal_AndNoOtherDevicesData()
    {
        var waiting = await Store.EnqueueAsync(DownlinkRequest.Rpc("gone", "Read", null, Now, TimeSpan.FromHours(1)));
        var waiting2 = await Store.EnqueueAsync(DownlinkRequest.Rpc("gone", "Discover", null, Now, TimeSpan.FromHours(1)));
        var expired = await Store.EnqueueAsync(DownlinkRequest.Rpc("gone", "Read", null, Now, TimeSpan.FromMinutes(1)));
        var kept = await Store.EnqueueAsync(DownlinkRequest.Rpc("stays", "Read", null, Now, TimeSpan.FromMinutes(1)));
        var keptDone = await Store.EnqueueAsync(DownlinkRequest.Rpc("stays", "Read", null, Now, TimeSpan.FromMinutes(1)));
        await Store.CompleteAsync(expired.Id, DownlinkRequestState.Expired, null, Now);
        await Store.CompleteAsync(keptDone.Id, DownlinkRequestState.Expired, null, Now);

        Assert.Equal(2, await Store.DeleteDeviceAsync("gone"));

        Assert.Equal(0, await Store.CountAsync("gone"));
        Assert.Equal(0, await Store.CountExpiredAsync("gone"));
        Assert.Null(await Store.GetAsync(waiting.Id));
        Assert.Null(await Store.GetAsync(waiting2.Id));
        Assert.Null(await Store.GetOutcomeAsync(expired.Id));
        Assert.DoesNotContain(await Store.ListExpiredAsync(Now.AddHours(2)), r => r.Endpoint == "gone");
        Assert.Equal(kept, await Store.GetAsync(kept.Id));
        Assert.Equal(1, await Store.CountExpiredAsync("stays"));
        Assert.NotNull(await Store.GetOutcomeAsync(keptDone.Id));
        Assert.Equal(0, await Store.DeleteDeviceAsync("gone"));
    }
}
