using FastLwm2m.Platform.Downlink;
using FastLwm2m.Platform.Tests.Downlink;

namespace FastLwm2m.Storage.Sqlite.Tests.Downlink;

/// <summary>The downlink queue store contract over <see cref="SqliteDownlinkQueueStore"/> in a temporary file; reopening opens the file again.</summary>
public sealed class SqliteDownlinkQueueStoreTests : DownlinkQueueStoreContractTests
{
    private readonly TemporaryDatabaseDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override async Task<IDownlinkQueueStore> CreateStoreAsync()
    {
        _database = await SqliteDatabase.OpenAsync(_directory.File());
        return new SqliteDownlinkQueueStore(_database);
    }

    protected override async Task<IDownlinkQueueStore> ReopenStoreAsync()
    {
        _database?.Dispose();
        _database = await SqliteDatabase.OpenAsync(_directory.File());
        return new SqliteDownlinkQueueStore(_database);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database?.Dispose();
        _directory.Dispose();
    }
}
