using FastLwm2m.Platform.Downlink;

namespace FastLwm2m.Storage.Sqlite.Tests.Downlink;

public class SqliteDownlinkQueueStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task QueuedRequests_SurviveReopening_InOrder()
    {
        using var directory = new TemporaryDatabaseDirectory();
        var first = DownlinkRequest.Rpc("sleepy", "WriteReplace", "{\"id\":\"/3/0/15\",\"value\":\"A\"}", Now, TimeSpan.FromHours(1));
        var second = DownlinkRequest.SharedAttributeWrite("sleepy", "timezone", "\"+2\"", Now, TimeSpan.FromHours(1));
        var other = DownlinkRequest.Rpc("other", "Read", "{\"id\":\"/3/0/9\"}", Now, TimeSpan.FromHours(1));

        using (var database = await SqliteDatabase.OpenAsync(directory.File()))
        {
            var store = new SqliteDownlinkQueueStore(database);
            var a = await store.EnqueueAsync(first);
            await store.EnqueueAsync(other);
            var b = await store.EnqueueAsync(second);
            Assert.True(a.Sequence < b.Sequence);
        }

        using (var reopened = await SqliteDatabase.OpenAsync(directory.File()))
        {
            var store = new SqliteDownlinkQueueStore(reopened);
            var queued = await store.ListAsync("sleepy");

            Assert.Equal([first.Id, second.Id], queued.Select(r => r.Id));
            Assert.Equal(first with { Sequence = queued[0].Sequence }, queued[0]);
            Assert.Equal(second with { Sequence = queued[1].Sequence }, queued[1]);
            Assert.Equal(2, await store.CountAsync("sleepy"));
            Assert.Equal(first.Id, (await store.PeekAsync("sleepy"))!.Id);
        }
    }

    [Fact]
    public async Task Remove_ReturnsTheRequest_AndThePeekMovesOn()
    {
        using var directory = new TemporaryDatabaseDirectory();
        using var database = await SqliteDatabase.OpenAsync(directory.File());
        var store = new SqliteDownlinkQueueStore(database);
        var first = await store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromHours(1)));
        var second = await store.EnqueueAsync(DownlinkRequest.Rpc("d", "Discover", null, Now, TimeSpan.FromHours(1)));

        Assert.Equal(first, await store.RemoveAsync(first.Id));
        Assert.Null(await store.RemoveAsync(first.Id));
        Assert.Equal(second, await store.PeekAsync("d"));
        Assert.Equal(1, await store.CountAsync("d"));
        Assert.Null(await store.PeekAsync("nobody"));
    }

    [Fact]
    public async Task ListExpired_GivesOnlyRequestsPastTheirTtl()
    {
        using var directory = new TemporaryDatabaseDirectory();
        using var database = await SqliteDatabase.OpenAsync(directory.File());
        var store = new SqliteDownlinkQueueStore(database);
        var shortLived = await store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromMinutes(1)));
        await store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromHours(1)));

        Assert.Empty(await store.ListExpiredAsync(Now + TimeSpan.FromSeconds(59)));
        Assert.Equal([shortLived.Id], (await store.ListExpiredAsync(Now + TimeSpan.FromMinutes(2))).Select(r => r.Id));
    }

    [Fact]
    public async Task CompleteAsExpired_RemovesTheRequestAndCountsIt_AndTheCountSurvivesReopening()
    {
        using var directory = new TemporaryDatabaseDirectory();
        DownlinkRequest first, second, delivered;
        using (var database = await SqliteDatabase.OpenAsync(directory.File()))
        {
            var store = new SqliteDownlinkQueueStore(database);
            first = await store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromMinutes(1)));
            second = await store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", null, Now, TimeSpan.FromMinutes(1)));
            delivered = await store.EnqueueAsync(DownlinkRequest.Rpc("d", "Discover", null, Now, TimeSpan.FromMinutes(1)));
            await store.EnqueueAsync(DownlinkRequest.Rpc("other", "Read", null, Now, TimeSpan.FromHours(1)));

            Assert.Equal(first, await store.CompleteAsync(first.Id, DownlinkRequestState.Expired, null, Now));
            Assert.Equal(delivered, await store.RemoveAsync(delivered.Id));
            Assert.Null(await store.CompleteAsync(delivered.Id, DownlinkRequestState.Expired, null, Now)); // gone meanwhile: not counted
            Assert.Equal(1, await store.CountExpiredAsync("d"));
        }

        using (var reopened = await SqliteDatabase.OpenAsync(directory.File()))
        {
            var store = new SqliteDownlinkQueueStore(reopened);
            Assert.Equal(1, await store.CountExpiredAsync("d"));
            Assert.Equal(second, await store.CompleteAsync(second.Id, DownlinkRequestState.Expired, null, Now));
            Assert.Equal(2, await store.CountExpiredAsync("d"));
            Assert.Equal(0, await store.CountExpiredAsync("other"));
            Assert.Equal(0, await store.CountAsync("d"));
            Assert.Equal(1, await store.CountAsync("other"));
        }
    }

    [Fact]
    public async Task Outcomes_AreKeptAcrossReopening_UntilPruned()
    {
        using var directory = new TemporaryDatabaseDirectory();
        DownlinkRequest delivered, cancelled, queued;
        using (var database = await SqliteDatabase.OpenAsync(directory.File()))
        {
            var store = new SqliteDownlinkQueueStore(database);
            delivered = await store.EnqueueAsync(DownlinkRequest.Rpc("d", "Read", "{\"id\":\"/3/0/9\"}", Now, TimeSpan.FromHours(1)));
            cancelled = await store.EnqueueAsync(DownlinkRequest.SharedAttributeWrite("d", "timezone", "\"+2\"", Now, TimeSpan.FromHours(1)));
            queued = await store.EnqueueAsync(DownlinkRequest.Rpc("d", "Discover", null, Now, TimeSpan.FromHours(1)));

            Assert.Equal(delivered, await store.CompleteAsync(delivered.Id, DownlinkRequestState.Delivered, "{\"result\":\"CONTENT\"}", Now.AddMinutes(1)));
            Assert.Equal(cancelled, await store.CompleteAsync(cancelled.Id, DownlinkRequestState.Cancelled, null, Now.AddMinutes(2)));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.CompleteAsync(queued.Id, DownlinkRequestState.Queued, null, Now));
        }

        using (var reopened = await SqliteDatabase.OpenAsync(directory.File()))
        {
            var store = new SqliteDownlinkQueueStore(reopened);
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
    }
}
