using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite;

/// <summary>
/// <see cref="IAttributeStore"/> in the embedded SQLite file: one row per device and key in
/// <c>attributes</c> (primary key (device, key), WITHOUT ROWID), the value in typed columns.
/// </summary>
/// <remarks>
/// <para><see cref="SetAsync"/> is one IMMEDIATE transaction: it takes the write lock before reading
/// the stored values, so comparing and writing is atomic across concurrent callers and processes;
/// <see cref="Changed"/> is raised after the commit. Cost: one indexed read and at most one upsert
/// per value; reads are a range scan of the device's rows.</para>
/// <para>Thread safety: safe for concurrent use.</para>
/// </remarks>
public sealed class SqliteAttributeStore : IAttributeStore
{
    private const string Columns = "key, ts, type, value_int, value_real, value_text, value_blob";
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over an open database.</summary>
    public SqliteAttributeStore(SqliteDatabase database) => _database = database ?? throw new ArgumentNullException(nameof(database));

    /// <inheritdoc />
    public event EventHandler<AttributeChangedEventArgs>? Changed;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AttributeValue>> SetAsync(string device, IReadOnlyList<AttributeValue> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return [];
        }

        List<(AttributeValue Value, AttributeValue? Previous)>? changed = null;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = $"SELECT {Columns} FROM attributes WHERE device = $d AND key = $k;";
            select.Parameters.Add(new SqliteParameter("$d", device));
            select.Parameters.Add(new SqliteParameter("$k", null));
            select.Prepare();
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO attributes (device, key, ts, type, value_int, value_real, value_text, value_blob)
                VALUES ($d, $k, $t, $y, $i, $r, $s, $b)
                ON CONFLICT (device, key) DO UPDATE SET
                    ts = excluded.ts, type = excluded.type, value_int = excluded.value_int, value_real = excluded.value_real,
                    value_text = excluded.value_text, value_blob = excluded.value_blob;
                """;
            foreach (string name in (ReadOnlySpan<string>)["$d", "$k", "$t", "$y", "$i", "$r", "$s", "$b"])
            {
                upsert.Parameters.Add(new SqliteParameter(name, null));
            }

            upsert.Parameters["$d"].Value = device;
            upsert.Prepare();

            // What this batch already wrote: a key set twice compares with its first value, as in memory.
            var current = new Dictionary<string, AttributeValue?>(StringComparer.Ordinal);
            foreach (AttributeValue value in values)
            {
                ArgumentNullException.ThrowIfNull(value.Key, nameof(values));
                if (!current.TryGetValue(value.Key, out AttributeValue? previous))
                {
                    select.Parameters["$k"].Value = value.Key;
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    previous = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
                }

                if (previous is { } before && (before.TimestampMilliseconds > value.TimestampMilliseconds || before.Value.Equals(value.Value)))
                {
                    current[value.Key] = previous;
                    continue;
                }

                Bind(upsert, value);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                current[value.Key] = value;
                (changed ??= []).Add((value, previous));
            }

            if (changed is null)
            {
                return [];
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach ((AttributeValue value, AttributeValue? previous) in changed)
        {
            Changed?.Invoke(this, new AttributeChangedEventArgs(device, value, previous));
        }

        return changed.Select(static c => c.Value).ToArray();
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<AttributeValue>> GetAsync(string device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM attributes WHERE device = $d;";
        select.Parameters.AddWithValue("$d", device);
        var result = new List<AttributeValue>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(Read(reader));
        }

        // SQLite's BINARY collation orders UTF-8 bytes, which differs from ordinal UTF-16 order for
        // characters past U+FFFF; sort here so every store orders keys the same way.
        result.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }

    /// <inheritdoc />
    public async ValueTask<AttributeValue?> GetAsync(string device, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM attributes WHERE device = $d AND key = $k;";
        select.Parameters.AddWithValue("$d", device);
        select.Parameters.AddWithValue("$k", key);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask<int> DeleteDeviceAsync(string device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM attributes WHERE device = $d;";
        delete.Parameters.AddWithValue("$d", device);
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Bind(SqliteCommand command, AttributeValue attribute)
    {
        command.Parameters["$k"].Value = attribute.Key;
        command.Parameters["$t"].Value = attribute.TimestampMilliseconds;
        SqliteValueColumns.Bind(command.Parameters, attribute.Value);
    }

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    private static AttributeValue Read(SqliteDataReader reader) =>
        new(reader.GetString(0), SqliteValueColumns.Read(reader, 2), reader.GetInt64(1));
}
