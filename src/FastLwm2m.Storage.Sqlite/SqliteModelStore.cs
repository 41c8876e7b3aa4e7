using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite;

/// <summary>
/// The <see cref="IModelStore"/> of the embedded SQLite file: table <c>object_models</c>.
/// </summary>
/// <remarks>
/// <para>Index: the primary key (scope, object_id, version) of a <c>WITHOUT ROWID</c> table, so a
/// get or delete is one B-tree lookup and a listing one range scan of the scope, already in
/// (object id, version) order.</para>
/// <para>Cost: an upsert is one <c>BEGIN IMMEDIATE</c> transaction for the batch, with a lookup of
/// each key's previous row (to return it) and one insert-or-update per row.</para>
/// <para>Thread safety: safe for concurrent use; each operation uses its own pooled connection.
/// Concurrent writers (threads or processes) take turns on SQLite's write lock; readers are not blocked (WAL).</para>
/// </remarks>
public sealed class SqliteModelStore : IModelStore
{
    private const string Columns = "scope, object_id, version, name, file_name, content, updated_at";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/> (which it does not own).</summary>
    public SqliteModelStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelRecord>> UpsertAsync(IReadOnlyList<ModelRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);

        await using SqliteCommand select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {Columns} FROM object_models WHERE scope = $scope AND object_id = $id AND version = $version;";
        SqliteParameter selectScope = select.Parameters.Add("$scope", SqliteType.Text);
        SqliteParameter selectId = select.Parameters.Add("$id", SqliteType.Integer);
        SqliteParameter selectVersion = select.Parameters.Add("$version", SqliteType.Integer);

        await using SqliteCommand upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = $"""
            INSERT INTO object_models ({Columns}) VALUES ($scope, $id, $version, $name, $fileName, $content, $updatedAt)
            ON CONFLICT (scope, object_id, version) DO UPDATE SET
                name = excluded.name, file_name = excluded.file_name, content = excluded.content, updated_at = excluded.updated_at;
            """;
        SqliteParameter scope = upsert.Parameters.Add("$scope", SqliteType.Text);
        SqliteParameter id = upsert.Parameters.Add("$id", SqliteType.Integer);
        SqliteParameter version = upsert.Parameters.Add("$version", SqliteType.Integer);
        SqliteParameter name = upsert.Parameters.Add("$name", SqliteType.Text);
        SqliteParameter fileName = upsert.Parameters.Add("$fileName", SqliteType.Text);
        SqliteParameter content = upsert.Parameters.Add("$content", SqliteType.Blob);
        SqliteParameter updatedAt = upsert.Parameters.Add("$updatedAt", SqliteType.Integer);

        var replaced = new List<ModelRecord>();
        foreach (ModelRecord record in records)
        {
            selectScope.Value = record.Scope.Value;
            selectId.Value = record.ObjectId;
            selectVersion.Value = (int)record.Version.Packed;
            await using (SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    replaced.Add(ReadRecord(reader));
                }
            }

            scope.Value = record.Scope.Value;
            id.Value = record.ObjectId;
            version.Value = (int)record.Version.Packed;
            name.Value = record.Name;
            fileName.Value = record.FileName;
            content.Value = record.Content.ToArray();
            updatedAt.Value = record.UpdatedAt.ToUnixTimeMilliseconds();
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return replaced.AsReadOnly();
    }

    /// <inheritdoc />
    public async Task<ModelRecord?> DeleteAsync(TenantId scope, int objectId, ObjectVersion version, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM object_models WHERE scope = $scope AND object_id = $id AND version = $version RETURNING {Columns};";
        AddKey(command, scope, objectId, version);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRecord(reader) : null;
    }

    /// <inheritdoc />
    public async Task<ModelRecord?> GetAsync(TenantId scope, int objectId, ObjectVersion version, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM object_models WHERE scope = $scope AND object_id = $id AND version = $version;";
        AddKey(command, scope, objectId, version);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRecord(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelRecord>> ListAsync(TenantId scope, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM object_models WHERE scope = $scope ORDER BY object_id, version;";
        command.Parameters.AddWithValue("$scope", scope.Value);
        var records = new List<ModelRecord>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(ReadRecord(reader));
        }

        return records.AsReadOnly();
    }

    private static void AddKey(SqliteCommand command, TenantId scope, int objectId, ObjectVersion version)
    {
        command.Parameters.AddWithValue("$scope", scope.Value);
        command.Parameters.AddWithValue("$id", objectId);
        command.Parameters.AddWithValue("$version", (int)version.Packed);
    }

    /// <summary>Reads a row selected as <see cref="Columns"/>.</summary>
    private static ModelRecord ReadRecord(SqliteDataReader reader) => new()
    {
        Scope = TenantId.FromValue(reader.GetString(0)),
        ObjectId = reader.GetInt32(1),
        Version = ObjectVersion.FromPacked((ushort)reader.GetInt32(2)),
        Name = reader.GetString(3),
        FileName = reader.GetString(4),
        Content = (byte[])reader.GetValue(5),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
    };
}
