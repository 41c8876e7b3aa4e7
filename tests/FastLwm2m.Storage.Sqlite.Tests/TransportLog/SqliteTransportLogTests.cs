using FastLwm2m.Platform.TransportLog;
using FastLwm2m.Platform.Tests.TransportLog;

namespace FastLwm2m.Storage.Sqlite.Tests.TransportLog;

/// <summary>
/// The transport log contract over <see cref="SqliteTransportLog"/> in a temporary file; reopening
/// disposes the log (writing its pending lines) and opens the file again.
/// </summary>
public sealed class SqliteTransportLogTests : TransportLogContractTests
{
    private readonly TemporaryDatabaseDirectory _directory = new();
    private readonly List<SqliteTransportLog> _logs = [];

    protected override async Task<ITransportLog> CreateLogAsync()
    {
        return Track(new SqliteTransportLog(await _directory.OpenAsync(), Capacity));
    }

    protected override async Task<ITransportLog> ReopenLogAsync()
    {
        foreach (var log in _logs)
        {
            await log.DisposeAsync();
        }

        return Track(new SqliteTransportLog(await _directory.OpenAsync(), Capacity));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var log in _logs)
        {
            await log.DisposeAsync();
        }

        _directory.Dispose();
    }

    private SqliteTransportLog Track(SqliteTransportLog log)
    {
        _logs.Add(log);
        return log;
    }

    private async Task<long> CountRowsAsync(string device)
    {
        await using var connection = await _directory.Database!.OpenConnectionAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM transport_log WHERE device = $d;";
        count.Parameters.AddWithValue("$d", device);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Flush_KeepsAtMostTheCapacityPerDeviceOnDisk()
    {
        var log = (SqliteTransportLog)Log;
        for (int i = 0; i < 100; i++)
        {
            log.Append("dev", $"line {i}");
            log.Append("small", $"line {i}");
            if (i % 7 == 0)
            {
                await log.FlushAsync();
            }
        }

        await log.FlushAsync();

        Assert.Equal(Capacity, await CountRowsAsync("dev"));
        Assert.Equal(Capacity, await CountRowsAsync("small"));
        Assert.Equal(Enumerable.Range(95, Capacity).Select(i => $"line {i}"), (await log.GetAsync("dev")).Select(e => e.Message));
    }

    [Fact]
    public async Task ADeviceIsTrimmedEveryTenthOfItsCapacity_AndReadsShowOnlyTheNewestCapacityLines()
    {
        await using var log = new SqliteTransportLog(_directory.Database!);
        for (int i = 0; i < 1_150; i++)
        {
            log.Append("busy", $"line {i}");
            if (i % 50 == 49)
            {
                await log.FlushAsync(); // small batches, as a device that logs a little at a time
            }
        }

        await log.FlushAsync();

        long rows = await CountRowsAsync("busy");
        Assert.InRange(rows, 1_000, 1_100); // trimmed once a tenth of the capacity was written since the last trim
        var lines = await log.GetAsync("busy", limit: 5_000);
        Assert.Equal(1_000, lines.Count);
        Assert.Equal("line 150", lines[0].Message);
        Assert.Equal("line 1149", lines[^1].Message);
    }

    [Fact]
    public async Task DefaultCapacity_Is1000LinesPerDevice()
    {
        await using var log = new SqliteTransportLog(_directory.Database!);
        for (int i = 0; i < 1_200; i++)
        {
            log.Append("big", $"line {i}");
        }

        await log.FlushAsync();

        Assert.Equal(1_000, await CountRowsAsync("big"));
        var lines = await log.GetAsync("big", limit: 5_000);
        Assert.Equal(1_000, lines.Count);
        Assert.Equal("line 200", lines[0].Message);
        Assert.Equal("line 1199", lines[^1].Message);
    }

    [Fact]
    public async Task PendingLines_AreMergedWithStoredLines_InOrder()
    {
        await using var log = new SqliteTransportLog(_directory.Database!, 10, 100, null, null, startWriter: false);
        log.Append("dev", "stored 1");
        log.Append("dev", "stored 2");
        await log.FlushAsync();
        log.Append("dev", "pending 1");
        log.Append("dev", "pending 2");

        Assert.Equal(2, await CountRowsAsync("dev"));
        Assert.Equal(["stored 2", "pending 1", "pending 2"], (await log.GetAsync("dev", limit: 3)).Select(e => e.Message));
        Assert.Equal(["stored 1", "stored 2", "pending 1", "pending 2"], (await log.GetAsync("dev")).Select(e => e.Message));
    }

    [Fact]
    public async Task FullBuffer_DropsTheOldestPendingLine_AndCountsIt()
    {
        await using var log = new SqliteTransportLog(_directory.Database!, 100, 4, null, null, startWriter: false);
        for (int i = 0; i < 10; i++)
        {
            log.Append("dev", $"line {i}");
        }

        Assert.Equal(6, log.DroppedLines);
        await log.FlushAsync();
        Assert.Equal(["line 6", "line 7", "line 8", "line 9"], (await log.GetAsync("dev")).Select(e => e.Message));
        Assert.Equal(4, await CountRowsAsync("dev"));
    }

    [Fact]
    public async Task Dispose_WritesPendingLines_AndLaterAppendsAreDropped()
    {
        var log = new SqliteTransportLog(_directory.Database!, 10, 100, null, null, startWriter: false);
        log.Append("dev", "before");
        await log.DisposeAsync();
        log.Append("dev", "after");

        Assert.Equal(1, await CountRowsAsync("dev"));
        Assert.Equal(1, log.DroppedLines);
    }

    [Fact]
    public async Task BackgroundWriter_WritesWithoutAFlush()
    {
        Log.Append("dev", "eventually");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await CountRowsAsync("dev") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the background writer did not write the line within 10 s");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task ConcurrentAppends_AreAllKept_AndOrderedPerThread()
    {
        await using var log = new SqliteTransportLog(_directory.Database!, 10_000, 100_000);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                log.Append("dev", $"{t}:{i}");
            }
        })));
        await log.FlushAsync();

        var lines = await log.GetAsync("dev", limit: 10_000);
        Assert.Equal(2_000, lines.Count);
        Assert.Equal(2_000, await CountRowsAsync("dev"));
        for (int t = 0; t < 4; t++)
        {
            var mine = lines.Select(l => l.Message).Where(m => m.StartsWith($"{t}:", StringComparison.Ordinal)).ToArray();
            Assert.Equal(Enumerable.Range(0, 500).Select(i => $"{t}:{i}"), mine);
        }
    }
}
