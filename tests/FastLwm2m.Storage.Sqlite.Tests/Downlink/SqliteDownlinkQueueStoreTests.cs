using FastLwm2m.Platform.Downlink;
using FastLwm2m.Platform.Tests.Downlink;

namespace FastLwm2m.Storage.Sqlite.Tests.Downlink;

/// <summary>The downlink queue store contract over <see cref="SqliteDownlinkQueueStore"/> in a temporary file; reopening opens the file again.</summary>
public sealed class SqliteDownlinkQueueStoreTests : DownlinkQueueStoreContractTests
{
    private readonly TemporaryDatabaseDirectory _directory = new();

    protected override async Task<IDownlinkQueueStore> CreateStoreAsync()
    {
        return new SqliteDownlinkQueueStore(await _directory.OpenAsync());
    }

    protected override async Task<IDownlinkQueueStore> ReopenStoreAsync()
    {
        return new SqliteDownlinkQueueStore(await _directory.OpenAsync());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
