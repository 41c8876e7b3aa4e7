using System.Globalization;
using FastLwm2m.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite;

/// <summary>
/// The embedded store's SQLite file: created on first open, in WAL mode, its schema brought up to
/// date by ordered migrations recorded in a <c>schema_version</c> table. The SQLite stores
/// (<see cref="SqliteModelStore"/>, …) share one instance.
/// </summary>
/// <remarks>
/// <para>Each store operation opens a connection and closes it when done; Microsoft.Data.Sqlite pools
/// them, so that is cheap. Every connection uses <c>synchronous=NORMAL</c> (durable across process
/// crashes; a power loss may lose the last transactions, never corrupt the file) and waits up to
/// <see cref="SqliteConnectionStringBuilder.DefaultTimeout"/> for a lock held by another writer.</para>
/// <para>Thread safety: safe for concurrent use. SQLite allows one writer at a time; WAL lets readers run beside it.</para>
/// </remarks>
public sealed class SqliteDatabase : IDisposable
{
    private const int BusyTimeoutSeconds = 30;
    private readonly string _connectionString;

    private SqliteDatabase(string path, string connectionString, int schemaVersion)
    {
        Path = path;
        _connectionString = connectionString;
        SchemaVersion = schemaVersion;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The file's schema version after opening (the number of the last migration applied).</summary>
    public int SchemaVersion { get; }

    /// <summary>
    /// Opens the database at <paramref name="path"/>, creating the file (and its directory) if it does
    /// not exist, switching it to WAL and applying pending migrations in one transaction.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file's schema is newer than this build knows, or it cannot use WAL.</exception>
    /// <exception cref="SqliteException">The file cannot be opened or is not a database.</exception>
    public static async Task<SqliteDatabase> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string fullPath = System.IO.Path.GetFullPath(path);
        string? directory = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // journal_mode is a property of the file: set once, it stays for every later connection.
        string? mode = (string?)await ScalarAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{fullPath}: cannot switch to WAL journal mode (got '{mode}')");
        }

        int version = await MigrateAsync(connection, fullPath, cancellationToken).ConfigureAwait(false);
        return new SqliteDatabase(fullPath, connectionString, version);
    }

    /// <summary>Opens a pooled connection with the per-connection settings; the caller disposes it.</summary>
    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the pooled connections of this file (so it can be moved or deleted).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static async Task<int> MigrateAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        // IMMEDIATE: takes the write lock before reading the version, so two processes opening a
        // new file at once apply each migration once.
        await using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER NOT NULL PRIMARY KEY,
                description TEXT    NOT NULL,
                applied_at  INTEGER NOT NULL
            );
            """, cancellationToken).ConfigureAwait(false);
        object? current = await ScalarAsync(connection, "SELECT MAX(version) FROM schema_version;", cancellationToken, transaction).ConfigureAwait(false);
        int version = current is null or DBNull ? 0 : Convert.ToInt32(current, CultureInfo.InvariantCulture);
        if (version > SqliteMigrations.Latest)
        {
            throw new InvalidOperationException(
                $"{path}: schema version {version} is newer than this build knows ({SqliteMigrations.Latest}); upgrade FastLwm2m");
        }

        foreach (SqliteMigration migration in SqliteMigrations.All)
        {
            if (migration.Version <= version)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using SqliteCommand record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($version, $description, $appliedAt);";
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$description", migration.Description);
            record.Parameters.AddWithValue("$appliedAt", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            version = migration.Version;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return version;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
