using System.Runtime.InteropServices;
using FastLwm2m.Platform.TransportLog;
using FastLwm2m.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastLwm2m.Storage.Sqlite;

/// <summary>
/// <see cref="ITransportLog"/> in the embedded SQLite file: lines in <c>transport_log</c>, indexed by
/// (device, seq); a device's newest <c>capacityPerDevice</c> lines are kept (on disk, up to a tenth
/// more wait for the device's next trim, which runs once every tenth of the capacity written).
/// </summary>
/// <remarks>
/// <para><see cref="Append"/> never waits for the disk: it puts the line in a bounded in-memory
/// buffer (O(1), under a short lock) and a background task writes the buffer in batches, one
/// transaction each, trimming each device of the batch to its cap in the same transaction.</para>
/// <para>The transport log is diagnostics, not acknowledged data: when the buffer is full the
/// oldest pending line is dropped (counted by <see cref="DroppedLines"/>) rather than slowing the
/// receive loop, and a batch that fails to write is dropped and logged. Lines still in the buffer
/// are lost if the process is killed; <see cref="FlushAsync"/> and <see cref="DisposeAsync"/>
/// write them.</para>
/// <para><see cref="GetAsync"/> merges the stored lines with those still pending, so a line is
/// visible as soon as <see cref="Append"/> returns. Thread safety: safe for concurrent use.</para>
/// </remarks>
public sealed class SqliteTransportLog : ITransportLog, IAsyncDisposable
{
    private const int MaxLinesPerBatch = 1_024;

    private readonly SqliteDatabase _database;
    private readonly int _capacityPerDevice;
    private readonly int _bufferCapacity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private readonly object _lock = new();
    private readonly Queue<(string Device, TransportLogEntry Entry)> _pending = new();
    private List<(string Device, TransportLogEntry Entry)> _inFlight = [];

    // Held while a batch is written and while GetAsync reads: a batch is either in the file or in
    // _inFlight, never both and never neither, for the reader.
    private readonly SemaphoreSlim _io = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Task _writer;
    // Lines written per device since it was last trimmed (only the writer, under _io, touches it).
    private readonly Dictionary<string, int> _linesSinceTrim = new(StringComparer.Ordinal);
    private readonly int _trimSlack;
    private long _dropped;
    private int _signaled;
    private volatile bool _stopping;

    /// <summary>Creates the log over an open database and starts its background writer.</summary>
    /// <param name="database">The database.</param>
    /// <param name="capacityPerDevice">Lines kept per device (at least 1).</param>
    /// <param name="bufferCapacity">Lines waiting to be written, across devices, before the oldest is dropped (at least 1).</param>
    /// <param name="timeProvider">The clock stamping the lines.</param>
    /// <param name="logger">Logs failed writes.</param>
    public SqliteTransportLog(SqliteDatabase database, int capacityPerDevice = 1_000, int bufferCapacity = 10_000, TimeProvider? timeProvider = null, ILogger? logger = null)
        : this(database, capacityPerDevice, bufferCapacity, timeProvider, logger, startWriter: true)
    {
    }

    /// <summary>Creates the log; without <paramref name="startWriter"/> lines are written only by <see cref="FlushAsync"/> (for tests).</summary>
    internal SqliteTransportLog(SqliteDatabase database, int capacityPerDevice, int bufferCapacity, TimeProvider? timeProvider, ILogger? logger, bool startWriter)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerDevice, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferCapacity, 1);
        _database = database;
        _capacityPerDevice = capacityPerDevice;
        _trimSlack = Math.Max(1, capacityPerDevice / 10);
        _bufferCapacity = bufferCapacity;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _writer = startWriter ? Task.Run(WriteLoopAsync) : Task.CompletedTask;
    }

    /// <inheritdoc />
    public event Action<string, TransportLogEntry>? Appended;

    /// <summary>Lines dropped because the buffer was full, the log was disposed, or their batch failed to write.</summary>
    public long DroppedLines => Interlocked.Read(ref _dropped);

    /// <inheritdoc />
    public void Append(string device, string line)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(line);
        var entry = new TransportLogEntry(_time.GetUtcNow().ToUnixTimeMilliseconds(), line);
        if (_stopping)
        {
            Interlocked.Increment(ref _dropped);
        }
        else
        {
            lock (_lock)
            {
                if (_pending.Count == _bufferCapacity)
                {
                    _pending.Dequeue();
                    Interlocked.Increment(ref _dropped);
                }

                _pending.Enqueue((device, entry));
            }

            if (Interlocked.Exchange(ref _signaled, 1) == 0)
            {
                _signal.Release();
            }
        }

        Appended?.Invoke(device, entry);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TransportLogEntry>> GetAsync(string device, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        limit = Math.Min(limit, _capacityPerDevice);
        if (limit == 0)
        {
            return [];
        }

        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = new List<TransportLogEntry>();
            await using (var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                await using var select = connection.CreateCommand();
                select.CommandText = "SELECT ts, message FROM transport_log WHERE device = $d ORDER BY seq DESC LIMIT $n;";
                select.Parameters.AddWithValue("$d", device);
                select.Parameters.AddWithValue("$n", limit);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored.Add(new TransportLogEntry(reader.GetInt64(0), reader.GetString(1)));
                }
            }

            stored.Reverse();
            lock (_lock)
            {
                foreach (var (d, entry) in _inFlight.Concat(_pending))
                {
                    if (string.Equals(d, device, StringComparison.Ordinal))
                    {
                        stored.Add(entry);
                    }
                }
            }

            return stored.Count <= limit ? stored : stored.GetRange(stored.Count - limit, limit);
        }
        finally
        {
            _io.Release();
        }
    }

    /// <summary>Writes every line appended before the call.</summary>
    /// <exception cref="SqliteException">A batch could not be written (its lines are dropped, counted and logged).</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        while (await WriteBatchAsync(cancellationToken).ConfigureAwait(false))
        {
        }
    }

    /// <summary>Stops the background writer and writes the pending lines; later lines are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        if (Interlocked.Exchange(ref _signaled, 1) == 0)
        {
            _signal.Release();
        }

        await _writer.ConfigureAwait(false);
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Logged and counted by WriteBatchAsync; disposing does not throw.
        }
    }

    private async Task WriteLoopAsync()
    {
        while (!_stopping)
        {
            await _signal.WaitAsync().ConfigureAwait(false);
            Volatile.Write(ref _signaled, 0);
            try
            {
                await FlushAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Logged and counted by WriteBatchAsync; keep writing later lines.
            }
        }
    }

    /// <summary>Writes up to <see cref="MaxLinesPerBatch"/> pending lines in one transaction; false when there were none.</summary>
    private async Task<bool> WriteBatchAsync(CancellationToken cancellationToken)
    {
        await _io.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<(string Device, TransportLogEntry Entry)> batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    return false;
                }

                batch = _inFlight;
                int count = Math.Min(_pending.Count, MaxLinesPerBatch);
                for (int i = 0; i < count; i++)
                {
                    batch.Add(_pending.Dequeue());
                }
            }

            try
            {
                await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Interlocked.Add(ref _dropped, batch.Count);
                SqliteTransportLogLog.WriteFailed(_logger, batch.Count, exception);
                throw;
            }
            finally
            {
                lock (_lock)
                {
                    _inFlight = [];
                }
            }

            return true;
        }
        finally
        {
            _io.Release();
        }
    }

    private async Task WriteAsync(List<(string Device, TransportLogEntry Entry)> batch, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO transport_log (device, ts, message) VALUES ($d, $t, $m);";
        insert.Parameters.Add(new SqliteParameter("$d", null));
        insert.Parameters.Add(new SqliteParameter("$t", null));
        insert.Parameters.Add(new SqliteParameter("$m", null));
        insert.Prepare();
        var devices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (device, entry) in batch)
        {
            insert.Parameters["$d"].Value = device;
            insert.Parameters["$t"].Value = entry.TimestampMilliseconds;
            insert.Parameters["$m"].Value = entry.Message;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            // A device is trimmed once every _trimSlack lines, not at every batch: one DELETE per
            // device and batch was most of the writer's work when many devices log a little.
            ref int since = ref CollectionsMarshal.GetValueRefOrAddDefault(_linesSinceTrim, device, out _);
            if (++since >= _trimSlack)
            {
                devices.Add(device); // ">=": a batch that failed to commit left its counts up; they trim next time
            }
        }

        // Keep the newest capacityPerDevice lines of each device written to; both lookups use the index.
        await using var trim = connection.CreateCommand();
        trim.Transaction = transaction;
        trim.CommandText = """
            DELETE FROM transport_log WHERE device = $d AND seq <=
                (SELECT seq FROM transport_log WHERE device = $d ORDER BY seq DESC LIMIT 1 OFFSET $cap);
            """;
        trim.Parameters.Add(new SqliteParameter("$d", null));
        trim.Parameters.AddWithValue("$cap", _capacityPerDevice);
        trim.Prepare();
        foreach (string device in devices)
        {
            trim.Parameters["$d"].Value = device;
            await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (string device in devices)
        {
            _linesSinceTrim.Remove(device);
        }
    }
}
