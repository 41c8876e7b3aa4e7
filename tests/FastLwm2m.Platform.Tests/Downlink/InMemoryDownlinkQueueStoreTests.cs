using FastLwm2m.Platform.Downlink;

namespace FastLwm2m.Platform.Tests.Downlink;

/// <summary>The downlink queue store contract over <see cref="InMemoryDownlinkQueueStore"/>; reopening keeps the same instance.</summary>
public sealed class InMemoryDownlinkQueueStoreTests : DownlinkQueueStoreContractTests
{
    private readonly InMemoryDownlinkQueueStore _store = new();

    protected override Task<IDownlinkQueueStore> CreateStoreAsync() => Task.FromResult<IDownlinkQueueStore>(_store);

    protected override Task<IDownlinkQueueStore> ReopenStoreAsync() => Task.FromResult<IDownlinkQueueStore>(_store);
}
