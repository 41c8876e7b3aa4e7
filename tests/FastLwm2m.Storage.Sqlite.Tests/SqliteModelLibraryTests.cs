using FastLwm2m.Platform;
using FastLwm2m.Platform.Tests.Models;

namespace FastLwm2m.Storage.Sqlite.Tests;

/// <summary>The model library contract over <see cref="SqliteModelStore"/> in a temporary file.</summary>
public sealed class SqliteModelLibraryTests : ModelLibraryContractTests
{
    private readonly TemporaryDatabaseDirectory _directory = new();

    protected override async Task<IModelStore> CreateStoreAsync()
    {
        return new SqliteModelStore(await _directory.OpenAsync());
    }

    public override Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
