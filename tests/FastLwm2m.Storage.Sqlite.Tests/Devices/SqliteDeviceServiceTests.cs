using FastLwm2m.Platform;
using FastLwm2m.Platform.Tests.Devices;

namespace FastLwm2m.Storage.Sqlite.Tests.Devices;

/// <summary>The device contract over <see cref="SqliteDeviceStore"/> in a temporary file; reopening opens the file again.</summary>
public sealed class SqliteDeviceServiceTests : DeviceServiceContractTests
{
    private readonly TemporaryDatabaseDirectory _directory = new();

    protected override async Task<IDeviceStore> CreateStoreAsync()
    {
        return new SqliteDeviceStore(await _directory.OpenAsync());
    }

    protected override async Task<IDeviceStore> ReopenStoreAsync()
    {
        return new SqliteDeviceStore(await _directory.OpenAsync());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
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
