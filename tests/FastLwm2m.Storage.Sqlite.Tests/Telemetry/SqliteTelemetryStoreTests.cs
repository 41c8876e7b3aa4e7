using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Telemetry;

namespace FastLwm2m.Storage.Sqlite.Tests.Telemetry;

public sealed class SqliteTelemetryStoreTests : IDisposable
{
    private readonly TemporaryDatabaseDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static readonly Lwm2mValue[] EveryType =
    [
        Lwm2mValue.FromInteger(-42),
        Lwm2mValue.FromUnsignedInteger(ulong.MaxValue),
        Lwm2mValue.FromFloat(20.5),
        Lwm2mValue.FromBoolean(true),
        Lwm2mValue.FromString("Acme"),
        Lwm2mValue.FromOpaque([0, 1, 2, 255]),
        Lwm2mValue.FromUnixTime(1_700_000_000),
        Lwm2mValue.FromObjectLink(new ObjectLink(3, 0)),
        Lwm2mValue.FromCoreLink("</3/0>"),
    ];

    [Fact]
    public async Task Append_KeepsHistoryAndLatest_ForEveryType_AcrossReopening()
    {
        string file = _directory.File();
        using (var database = await SqliteDatabase.OpenAsync(file))
        {
            var store = new SqliteTelemetryStore(database);
            var points = EveryType.Select((v, i) => new TelemetryPoint("dev", $"k{i}", 1000 + i, v)).ToList();
            await store.AppendAsync(points);
            await store.AppendAsync([new TelemetryPoint("dev", "k0", 5000, Lwm2mValue.FromInteger(7)), new TelemetryPoint("dev", "k0", 10, Lwm2mValue.FromInteger(-1))]);
        }

        using var reopened = await SqliteDatabase.OpenAsync(file);
        var again = new SqliteTelemetryStore(reopened);
        var latest = await again.GetLatestAsync("dev");
        Assert.Equal(EveryType.Length, latest.Count);
        for (int i = 1; i < EveryType.Length; i++)
        {
            Assert.Equal(EveryType[i], latest.Single(p => p.Key == $"k{i}").Value);
        }

        Assert.Equal(Lwm2mValue.FromInteger(7), latest.Single(p => p.Key == "k0").Value); // the newest time wins, not the last written
        var history = await again.GetHistoryAsync("dev", "k0", 0, long.MaxValue);
        Assert.Equal([10L, 1000L, 5000L], history.Select(p => p.TimestampMilliseconds));
        Assert.Empty(await again.GetLatestAsync("other"));
    }

    [Fact]
    public async Task Pipeline_OverSqlite_CommitsEverythingOfferedBeforeAFlush()
    {
        using var database = await SqliteDatabase.OpenAsync(_directory.File());
        var store = new SqliteTelemetryStore(database);
        await using var pipeline = new TelemetryPipeline(store, new TelemetryPipelineOptions { MaxPointsPerWrite = 100 });

        for (int i = 0; i < 1_000; i++)
        {
            Assert.True(pipeline.TryOffer([new TelemetryPoint($"dev{i % 10}", "batteryLevel", i, Lwm2mValue.FromInteger(i))], null));
        }

        await pipeline.FlushAsync();

        Assert.Equal(1_000, pipeline.WrittenPoints);
        Assert.Equal(100, (await store.GetHistoryAsync("dev3", "batteryLevel", 0, long.MaxValue)).Count);
        Assert.Equal(Lwm2mValue.FromInteger(993), (await store.GetLatestAsync("dev3")).Single().Value);
    }
}
