using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite.Tests;

/// <summary>A directory under the temp folder for one test's database files, deleted on dispose.</summary>
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

    public void Dispose()
    {
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
