using FastLwm2m.Platform;
using FastLwm2m.Platform.Tests.Devices;

namespace FastLwm2m.Storage.Sqlite.Tests.Devices;

/// <summary>The device contract over <see cref="SqliteDeviceStore"/> in a temporary file; reopening opens the file again.</summary>
public sealed class SqliteDeviceServiceTests : DeviceServiceContractTests
{
    private readonly TemporaryDatabaseDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override async Task<IDeviceStore> CreateStoreAsync()
    {
        _database = await SqliteDatabase.OpenAsync(_directory.File());
        return new SqliteDeviceStore(_database);
    }

    protected override async Task<IDeviceStore> ReopenStoreAsync()
    {
        _database?.Dispose();
        _database = await SqliteDatabase.OpenAsync(_directory.File());
        return new SqliteDeviceStore(_database);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database?.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Open_CreatesTheDevicesTableAtSchemaVersion3OrLater()
    {
        using SqliteDatabase database = await SqliteDatabase.OpenAsync(_directory.File("other.db"));

        Assert.True(database.SchemaVersion >= 3);
        Assert.Empty(await new SqliteDeviceStore(database).ListAllAsync());
    }
}
