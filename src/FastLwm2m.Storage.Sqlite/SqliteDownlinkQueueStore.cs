using System.Globalization;
using FastLwm2m.Platform.Downlink;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite;

/// <summary>
/// The <see cref="IDownlinkQueueStore"/> of the embedded SQLite file: table <c>downlink_queue</c>,
/// one row per waiting request, so the queues survive a restart; <c>downlink_outcomes</c>, what became
/// of requests that left it; <c>downlink_expired</c>, the expired total per device.
/// </summary>
/// <remarks>
/// <para>Indexes: the rowid (<c>seq</c>, AUTOINCREMENT, the queue order); (device, seq) for a
/// device's queue in order; expires_at for the expiry sweep; UNIQUE id for removal.</para>
/// <para>Cost: each operation is one statement on one pooled connection; enqueue is an insert
/// with <c>RETURNING seq</c>, remove a delete with <c>RETURNING</c>.</para>
/// <para>Thread safety: safe for concurrent use; each operation uses its own pooled connection.</para>
/// </remarks>
public sealed class SqliteDownlinkQueueStore : IDownlinkQueueStore
{
    private const string Columns = "seq, id, device, kind, name, json, enqueued_at, expires_at";

    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/> (which it does not own).</summary>
    public SqliteDownlinkQueueStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<DownlinkRequest> EnqueueAsync(DownlinkRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO downlink_queue (id, device, kind, name, json, enqueued_at, expires_at)
            VALUES ($id, $device, $kind, $name, $json, $enqueuedAt, $expiresAt)
            RETURNING seq;
            """;
        BindRequest(command, request);
        object? seq = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return request with { Sequence = Convert.ToInt64(seq, CultureInfo.InvariantCulture) };
    }

    /// <inheritdoc />
    public async Task<DownlinkRequest?> PeekAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var list = await QueryAsync($"SELECT {Columns} FROM downlink_queue WHERE device = $device ORDER BY seq LIMIT 1;",
            c => c.Parameters.AddWithValue("$device", endpoint), cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListEndpointsAsync(CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT device FROM downlink_queue;";
        var endpoints = new List<string>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            endpoints.Add(reader.GetString(0));
        }

        return endpoints;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DownlinkRequest>> ListAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return QueryAsync($"SELECT {Columns} FROM downlink_queue WHERE device = $device ORDER BY seq;",
            c => c.Parameters.AddWithValue("$device", endpoint), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DownlinkRequest?> RemoveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var list = await QueryAsync($"DELETE FROM downlink_queue WHERE id = $id RETURNING {Columns};",
            c => c.Parameters.AddWithValue("$id", Key(id)), cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DownlinkRequest>> ListExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM downlink_queue WHERE expires_at <= $now ORDER BY expires_at, seq;",
            c => c.Parameters.AddWithValue("$now", Millis(now)), cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM downlink_queue WHERE device = $device;";
        command.Parameters.AddWithValue("$device", endpoint);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<DownlinkRequest?> CompleteAsync(Guid id, DownlinkRequestState outcome, string? resultJson, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        if (outcome == DownlinkRequestState.Queued)
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a completed request is Delivered, Expired or Cancelled");
        }

        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DownlinkRequest> removed;
        await using (SqliteCommand delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM downlink_queue WHERE id = $id RETURNING {Columns};";
            delete.Parameters.AddWithValue("$id", Key(id));
            removed = await ReadAsync(delete, cancellationToken).ConfigureAwait(false);
        }

        if (removed.Count == 0)
        {
            return null;
        }

        DownlinkRequest request = removed[0];
        await using (SqliteCommand keep = connection.CreateCommand())
        {
            keep.Transaction = transaction;
            keep.CommandText = """
                INSERT OR REPLACE INTO downlink_outcomes (id, device, kind, name, json, enqueued_at, expires_at, seq, state, result, completed_at)
                VALUES ($id, $device, $kind, $name, $json, $enqueuedAt, $expiresAt, $seq, $state, $result, $completedAt);
                """;
            BindRequest(keep, request);
            keep.Parameters.AddWithValue("$seq", request.Sequence);
            keep.Parameters.AddWithValue("$state", (int)outcome);
            keep.Parameters.AddWithValue("$result", (object?)resultJson ?? DBNull.Value);
            keep.Parameters.AddWithValue("$completedAt", Millis(completedAt));
            await keep.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (outcome == DownlinkRequestState.Expired)
        {
            await using SqliteCommand count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = """
                INSERT INTO downlink_expired (device, expired) VALUES ($device, 1)
                ON CONFLICT (device) DO UPDATE SET expired = expired + 1;
                """;
            count.Parameters.AddWithValue("$device", request.Endpoint);
            await count.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return request;
    }

    /// <inheritdoc />
    public async Task<DownlinkRequest?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var list = await QueryAsync($"SELECT {Columns} FROM downlink_queue WHERE id = $id;",
            c => c.Parameters.AddWithValue("$id", Key(id)), cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <inheritdoc />
    public async Task<DownlinkRequestStatus?> GetOutcomeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, state, result, completed_at FROM downlink_outcomes WHERE id = $id;";
        command.Parameters.AddWithValue("$id", Key(id));
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new DownlinkRequestStatus
        {
            Request = ReadRequest(reader),
            State = (DownlinkRequestState)reader.GetInt32(8),
            ResultJson = reader.IsDBNull(9) ? null : reader.GetString(9),
            CompletedAt = FromMillis(reader.GetInt64(10)),
        };
    }

    /// <inheritdoc />
    public async Task<int> PruneOutcomesAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "DELETE FROM downlink_outcomes WHERE completed_at < $before;";
        command.Parameters.AddWithValue("$before", Millis(before));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountExpiredAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT expired FROM downlink_expired WHERE device = $device;";
        command.Parameters.AddWithValue("$device", endpoint);
        object? expired = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return expired is null or DBNull ? 0 : Convert.ToInt64(expired, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<int> DeleteDeviceAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM downlink_outcomes WHERE device = $device;
            DELETE FROM downlink_expired WHERE device = $device;
            DELETE FROM downlink_queue WHERE device = $device;
            """;
        command.Parameters.AddWithValue("$device", endpoint);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand changes = connection.CreateCommand();
        changes.Transaction = transaction;
        changes.CommandText = "SELECT changes();"; // rows of the last DELETE: the waiting requests
        int deleted = Convert.ToInt32(await changes.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private async Task<IReadOnlyList<DownlinkRequest>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<DownlinkRequest>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<DownlinkRequest>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadRequest(reader));
        }

        return list;
    }

    // $id, $device, $kind, $name, $json, $enqueuedAt, $expiresAt.
    private static void BindRequest(SqliteCommand command, DownlinkRequest request)
    {
        command.Parameters.AddWithValue("$id", Key(request.Id));
        command.Parameters.AddWithValue("$device", request.Endpoint);
        command.Parameters.AddWithValue("$kind", (int)request.Kind);
        command.Parameters.AddWithValue("$name", request.Name);
        command.Parameters.AddWithValue("$json", (object?)request.Json ?? DBNull.Value);
        command.Parameters.AddWithValue("$enqueuedAt", Millis(request.EnqueuedAt));
        command.Parameters.AddWithValue("$expiresAt", Millis(request.ExpiresAt));
    }

    // The columns of Columns, in order.
    private static DownlinkRequest ReadRequest(SqliteDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        Id = Guid.ParseExact(reader.GetString(1), "D"),
        Endpoint = reader.GetString(2),
        Kind = (DownlinkRequestKind)reader.GetInt32(3),
        Name = reader.GetString(4),
        Json = reader.IsDBNull(5) ? null : reader.GetString(5),
        EnqueuedAt = FromMillis(reader.GetInt64(6)),
        ExpiresAt = FromMillis(reader.GetInt64(7)),
    };

    private static string Key(Guid id) => id.ToString("D");

    private static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);
}
