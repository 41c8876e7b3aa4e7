using FastLwm2m.Platform;
using FastLwm2m.Platform.ApiKeys;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite;

/// <summary>
/// The <see cref="IApiKeyStore"/> of the embedded SQLite file: table <c>api_keys</c>, one row per key
/// with the SHA-256 hash of its secret (never the secret).
/// </summary>
/// <remarks>
/// <para>Indexes: the primary key id. Cost: one statement on one pooled connection per operation;
/// listing reads the whole (small) table.</para>
/// <para>Thread safety: safe for concurrent use; each operation uses its own pooled connection.</para>
/// </remarks>
public sealed class SqliteApiKeyStore : IApiKeyStore
{
    private const string Columns = "id, name, role, tenant, created_at";

    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/> (which it does not own).</summary>
    public SqliteApiKeyStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<bool> AddAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO api_keys (id, name, role, tenant, created_at, secret_hash)
            VALUES ($id, $name, $role, $tenant, $createdAt, $hash)
            ON CONFLICT (id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", record.Key.Id);
        command.Parameters.AddWithValue("$name", record.Key.Name);
        command.Parameters.AddWithValue("$role", (int)record.Key.Role);
        command.Parameters.AddWithValue("$tenant", record.Key.Tenant.Value);
        command.Parameters.AddWithValue("$createdAt", record.Key.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$hash", record.SecretHash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, secret_hash FROM api_keys WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ApiKeyRecord(Read(reader), (byte[])reader.GetValue(5))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created_at, id;";
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ApiKey?> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM api_keys WHERE id = $id RETURNING {Columns};";
        command.Parameters.AddWithValue("$id", id);
        IReadOnlyList<ApiKey> removed = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return removed.Count == 0 ? null : removed[0];
    }

    private static async Task<IReadOnlyList<ApiKey>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<ApiKey>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    private static ApiKey Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        (ApiKeyRole)reader.GetInt32(2),
        TenantId.FromValue(reader.GetString(3)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
}
