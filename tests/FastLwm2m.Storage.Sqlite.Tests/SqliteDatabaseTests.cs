using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Tests.Models;
using FastLwm2m.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TemporaryDatabaseDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Open_NewFile_CreatesItInWalModeAtTheLatestSchema()
    {
        string path = Path.Combine(_directory.Path, "nested", "new.db");

        using SqliteDatabase database = await SqliteDatabase.OpenAsync(path);

        Assert.True(File.Exists(path));
        Assert.Equal(SqliteMigrations.Latest, database.SchemaVersion);
        await using SqliteConnection connection = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous;")); // NORMAL
    }

    [Fact]
    public async Task Open_Again_RunsEachMigrationOnce()
    {
        string path = _directory.File();
        using (await SqliteDatabase.OpenAsync(path))
        {
        }

        using SqliteDatabase reopened = await SqliteDatabase.OpenAsync(path);

        await using SqliteConnection connection = await reopened.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal((long)SqliteMigrations.All.Count, await ScalarAsync(connection, "SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal((long)SqliteMigrations.Latest, await ScalarAsync(connection, "SELECT MAX(version) FROM schema_version;"));
        Assert.Equal("object models", await ScalarAsync(connection, "SELECT description FROM schema_version WHERE version = 1;"));
    }

    [Fact]
    public async Task Open_FileWithANewerSchema_FailsNamingTheVersions()
    {
        string path = _directory.File();
        using (SqliteDatabase database = await SqliteDatabase.OpenAsync(path))
        {
            await using SqliteConnection connection = await database.OpenConnectionAsync(CancellationToken.None);
            await ScalarAsync(connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', 0);");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteDatabase.OpenAsync(path));

        Assert.Contains($"schema version 999 is newer than this build knows ({SqliteMigrations.Latest})", error.Message);
    }

    [Fact]
    public async Task Models_SurviveReopening()
    {
        string path = _directory.File();
        using (SqliteDatabase database = await SqliteDatabase.OpenAsync(path))
        {
            var library = new ModelLibrary(new SqliteModelStore(database));
            Assert.True((await library.UploadAsync(TenantId.System, [DdfFiles.Core("3-1_1.xml")])).Succeeded);
            Assert.True((await library.UploadAsync(new TenantId("acme"), [DdfFiles.Object(10241, "1.2")])).Succeeded);
        }

        SqliteConnection.ClearAllPools();
        using SqliteDatabase reopened = await SqliteDatabase.OpenAsync(path);
        var reloaded = new ModelLibrary(new SqliteModelStore(reopened));

        IReadOnlyList<ModelInfo> list = await reloaded.ListAsync(new TenantId("acme"));
        Assert.Equal(
            [(3, new ObjectVersion(1, 1), ModelLevel.System), (10241, new ObjectVersion(1, 2), ModelLevel.Tenant)],
            list.Select(m => (m.ObjectId, m.Version, m.Level)));
        Assert.Equal(DdfFiles.Core("3-1_1.xml").Content, list[0].Content.ToArray());
    }

    [Fact]
    public async Task ConcurrentUploads_FromTwoTasks_AllLandAndTheFileStaysSound()
    {
        const int BatchesPerTask = 20;
        using SqliteDatabase database = await SqliteDatabase.OpenAsync(_directory.File());

        // Two libraries, so their writes are not serialized by a shared lock: only SQLite's.
        var store = new SqliteModelStore(database);
        var first = new ModelLibrary(store);
        var second = new ModelLibrary(store);
        async Task UploadAsync(ModelLibrary library, int firstId)
        {
            await Task.Yield();
            for (int i = 0; i < BatchesPerTask; i++)
            {
                int id = firstId + (2 * i);
                ModelUploadResult result = await library.UploadAsync(TenantId.System, [DdfFiles.Object(id), DdfFiles.Object(id + 1)]);
                Assert.True(result.Succeeded, result.Error);
            }
        }

        await Task.WhenAll(Task.Run(() => UploadAsync(first, 20000)), Task.Run(() => UploadAsync(second, 30000)));

        IReadOnlyList<ModelRecord> rows = await store.ListAsync(TenantId.System);
        Assert.Equal(4 * BatchesPerTask, rows.Count);
        Assert.Equal(4 * BatchesPerTask, (await new ModelLibrary(store).ListAsync(TenantId.System)).Count);
        await using SqliteConnection connection = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check;"));
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
