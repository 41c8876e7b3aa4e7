using FastLwm2m.Platform;
using FastLwm2m.Platform.Profiles;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite;

/// <summary>
/// The <see cref="IProfileStore"/> of the embedded SQLite file: table <c>device_profiles</c>, the
/// transport configuration kept as JSON text (<see cref="DeviceProfileJson"/>).
/// </summary>
/// <remarks>
/// <para>Index: the primary key (tenant, id) of a <c>WITHOUT ROWID</c> table, so a get, upsert or
/// delete is one B-tree lookup; <c>device_profiles_by_name</c> (tenant, name) serves listings in name order.</para>
/// <para>Cost: an upsert is one <c>BEGIN IMMEDIATE</c> transaction that reads the previous row (to
/// return it) and writes the new one; every read parses the JSON of each row returned.</para>
/// <para>Thread safety: safe for concurrent use; each operation uses its own pooled connection.
/// Writers take turns on SQLite's write lock; readers are not blocked (WAL).</para>
/// </remarks>
public sealed class SqliteProfileStore : IProfileStore
{
    private const string Columns = "tenant, id, name, description, transport, updated_at";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/> (which it does not own).</summary>
    public SqliteProfileStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<DeviceProfile?> UpsertAsync(DeviceProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        string transport = DeviceProfileJson.Serialize(profile.Transport);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);

        DeviceProfile? replaced = null;
        await using (SqliteCommand select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT {Columns} FROM device_profiles WHERE tenant = $tenant AND id = $id;";
            AddKey(select, profile.Tenant, profile.Id);
            await using SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                replaced = ReadProfile(reader);
            }
        }

        await using (SqliteCommand upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = $"""
                INSERT INTO device_profiles ({Columns}) VALUES ($tenant, $id, $name, $description, $transport, $updatedAt)
                ON CONFLICT (tenant, id) DO UPDATE SET
                    name = excluded.name, description = excluded.description, transport = excluded.transport, updated_at = excluded.updated_at;
                """;
            AddKey(upsert, profile.Tenant, profile.Id);
            upsert.Parameters.AddWithValue("$name", profile.Name);
            upsert.Parameters.AddWithValue("$description", profile.Description ?? "");
            upsert.Parameters.AddWithValue("$transport", transport);
            upsert.Parameters.AddWithValue("$updatedAt", profile.UpdatedAt.ToUnixTimeMilliseconds());
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return replaced;
    }

    /// <inheritdoc />
    public async Task<DeviceProfile?> DeleteAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM device_profiles WHERE tenant = $tenant AND id = $id RETURNING {Columns};";
        AddKey(command, tenant, id);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadProfile(reader) : null;
    }

    /// <inheritdoc />
    public async Task<DeviceProfile?> GetAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM device_profiles WHERE tenant = $tenant AND id = $id;";
        AddKey(command, tenant, id);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadProfile(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DeviceProfile>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM device_profiles WHERE tenant = $tenant ORDER BY name, id;";
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        var profiles = new List<DeviceProfile>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            profiles.Add(ReadProfile(reader));
        }

        return profiles.AsReadOnly();
    }

    private static void AddKey(SqliteCommand command, TenantId tenant, Guid id)
    {
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$id", id.ToString("D"));
    }

    /// <summary>Reads a row selected as <see cref="Columns"/>.</summary>
    private static DeviceProfile ReadProfile(SqliteDataReader reader) => new()
    {
        Tenant = TenantId.FromValue(reader.GetString(0)),
        Id = Guid.Parse(reader.GetString(1)),
        Name = reader.GetString(2),
        Description = reader.GetString(3),
        Transport = DeviceProfileJson.Deserialize(reader.GetString(4)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
    };
}
