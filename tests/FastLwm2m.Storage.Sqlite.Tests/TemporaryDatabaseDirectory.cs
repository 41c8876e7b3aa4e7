using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite.Tests;

/// <summary>
/// A directory under the temp folder for one test's database files, deleted on dispose, and the
/// database open on its default file (<see cref="OpenAsync"/> opens it again, as after a restart).
/// </summary>
internal sealed class TemporaryDatabaseDirectory : IDisposable
{
    public TemporaryDatabaseDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fastlwm2m-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A database file path inside the directory (the file itself is not created).</summary>
    public string File(string name = "fastlwm2m.db") => System.IO.Path.Combine(Path, name);

    /// <summary>The database last opened by <see cref="OpenAsync"/>, or null.</summary>
    public SqliteDatabase? Database { get; private set; }

    /// <summary>Closes the open database, if any, and opens the default file again (created on first open).</summary>
    public async Task<SqliteDatabase> OpenAsync()
    {
        Database?.Dispose();
        Database = await SqliteDatabase.OpenAsync(File());
        return Database;
    }

    public void Dispose()
    {
        Database?.Dispose();
        // Pooled connections keep the file, -wal and -shm open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leaked handle must not fail the test that already passed.
        }
    }
}
