using FastLwm2m.Platform;
using FastLwm2m.Platform.Tests.Models;

namespace FastLwm2m.Storage.Sqlite.Tests;

/// <summary>The model library contract over <see cref="SqliteModelStore"/> in a temporary file.</summary>
public sealed class SqliteModelLibraryTests : ModelLibraryContractTests
{
    private readonly TemporaryDatabaseDirectory _directory = new();
    private SqliteDatabase? _database;

    protected override async Task<IModelStore> CreateStoreAsync()
    {
        _database = await SqliteDatabase.OpenAsync(_directory.File());
        return new SqliteModelStore(_database);
    }

    public override Task DisposeAsync()
    {
        _database?.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
