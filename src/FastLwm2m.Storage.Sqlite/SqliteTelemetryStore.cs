using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite;

/// <summary>
/// Telemetry in the embedded SQLite file: history in <c>telemetry</c> (indexed by device, key,
/// time), latest values in <c>telemetry_latest</c> (one row per device and key). A batch is one
/// transaction with prepared statements; in WAL mode with synchronous=NORMAL a committed batch
/// survives the process being killed.
/// </summary>
public sealed class SqliteTelemetryStore : ITelemetryStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over an open database.</summary>
    public SqliteTelemetryStore(SqliteDatabase database) => _database = database ?? throw new ArgumentNullException(nameof(database));

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<TelemetryPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO telemetry (device, key, ts, type, value_int, value_real, value_text, value_blob) VALUES ($d, $k, $t, $y, $i, $r, $s, $b);";
        await using var latest = connection.CreateCommand();
        latest.Transaction = transaction;
        latest.CommandText = """
            INSERT INTO telemetry_latest (device, key, ts, type, value_int, value_real, value_text, value_blob)
            VALUES ($d, $k, $t, $y, $i, $r, $s, $b)
            ON CONFLICT (device, key) DO UPDATE SET
                ts = excluded.ts, type = excluded.type, value_int = excluded.value_int, value_real = excluded.value_real,
                value_text = excluded.value_text, value_blob = excluded.value_blob
            WHERE excluded.ts >= telemetry_latest.ts;
            """;
        var parameters = new[] { "$d", "$k", "$t", "$y", "$i", "$r", "$s", "$b" };
        foreach (var command in new[] { insert, latest })
        {
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
        }

        foreach (var point in points)
        {
            foreach (var command in new[] { insert, latest })
            {
                Bind(command, point);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TelemetryPoint>> GetLatestAsync(string device, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT device, key, ts, type, value_int, value_real, value_text, value_blob FROM telemetry_latest WHERE device = $d ORDER BY key;";
        select.Parameters.AddWithValue("$d", device);
        return await ReadAsync(select, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TelemetryPoint>> GetHistoryAsync(string device, string key, long fromMilliseconds, long toMilliseconds, int limit = 10_000, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT device, key, ts, type, value_int, value_real, value_text, value_blob FROM telemetry
            WHERE device = $d AND key = $k AND ts >= $from AND ts < $to ORDER BY ts, rowid LIMIT $limit;
            """;
        select.Parameters.AddWithValue("$d", device);
        select.Parameters.AddWithValue("$k", key);
        select.Parameters.AddWithValue("$from", fromMilliseconds);
        select.Parameters.AddWithValue("$to", toMilliseconds);
        select.Parameters.AddWithValue("$limit", limit);
        return await ReadAsync(select, cancellationToken).ConfigureAwait(false);
    }

    private static void Bind(SqliteCommand command, TelemetryPoint point)
    {
        command.Parameters["$d"].Value = point.Device;
        command.Parameters["$k"].Value = point.Key;
        command.Parameters["$t"].Value = point.TimestampMilliseconds;
        SqliteValueColumns.Bind(command.Parameters, point.Value);
    }

    private static async Task<IReadOnlyList<TelemetryPoint>> ReadAsync(SqliteCommand select, CancellationToken cancellationToken)
    {
        var result = new List<TelemetryPoint>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new TelemetryPoint(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), SqliteValueColumns.Read(reader, 3)));
        }

        return result;
    }
}
