using FastLwm2m.Platform.TransportLog;

namespace FastLwm2m.Platform.Tests.TransportLog;

/// <summary>The behaviour of an <see cref="ITransportLog"/>, run against each implementation by a derived class.</summary>
public abstract class TransportLogContractTests : IAsyncLifetime
{
    protected const int Capacity = 5;

    protected ITransportLog Log { get; private set; } = null!;

    /// <summary>A new, empty log keeping <see cref="Capacity"/> lines per device.</summary>
    protected abstract Task<ITransportLog> CreateLogAsync();

    /// <summary>The same log's data seen afresh (as after a restart; the old instance is done with).</summary>
    protected abstract Task<ITransportLog> ReopenLogAsync();

    public virtual async Task InitializeAsync() => Log = await CreateLogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static string[] Messages(IReadOnlyList<TransportLogEntry> entries) => entries.Select(e => e.Message).ToArray();

    [Fact]
    public async Task Get_UnknownDevice_IsEmpty()
    {
        Assert.Empty(await Log.GetAsync("nobody"));
    }

    [Fact]
    public async Task Append_ThenGet_ReturnsLinesOldestFirst_StampedWithTheTime()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Log.Append("dev", "one");
        Log.Append("dev", "two");
        Log.Append("dev", "three");

        var lines = await Log.GetAsync("dev");

        Assert.Equal(["one", "two", "three"], Messages(lines));
        Assert.All(lines, l => Assert.InRange(l.TimestampMilliseconds, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task Get_WithLimit_ReturnsTheNewestLinesOldestFirst()
    {
        for (int i = 0; i < 4; i++)
        {
            Log.Append("dev", $"line {i}");
        }

        Assert.Equal(["line 2", "line 3"], Messages(await Log.GetAsync("dev", limit: 2)));
        Assert.Empty(await Log.GetAsync("dev", limit: 0));
    }

    [Fact]
    public async Task Append_PastTheCapacity_KeepsTheNewestLines()
    {
        for (int i = 0; i < Capacity * 3; i++)
        {
            Log.Append("dev", $"line {i}");
        }

        var expected = Enumerable.Range(Capacity * 2, Capacity).Select(i => $"line {i}");
        Assert.Equal(expected, Messages(await Log.GetAsync("dev", limit: 100)));
    }

    [Fact]
    public async Task Devices_HaveSeparateLogs()
    {
        Log.Append("a", "for a");
        Log.Append("b", "for b");

        Assert.Equal(["for a"], Messages(await Log.GetAsync("a")));
        Assert.Equal(["for b"], Messages(await Log.GetAsync("b")));
    }

    [Fact]
    public void Appended_IsRaisedWithTheDeviceAndEntry()
    {
        var seen = new List<(string, string)>();
        Log.Appended += (device, entry) => seen.Add((device, entry.Message));

        Log.Append("dev", "hello");

        Assert.Equal([("dev", "hello")], seen);
    }

    [Fact]
    public async Task Lines_SurviveReopening_UpToTheCapacity()
    {
        for (int i = 0; i < Capacity + 2; i++)
        {
            Log.Append("dev", $"line {i}");
        }

        Log.Append("other", "x");

        ITransportLog reopened = await ReopenLogAsync();

        Assert.Equal(Enumerable.Range(2, Capacity).Select(i => $"line {i}"), Messages(await reopened.GetAsync("dev")));
        Assert.Equal(["x"], Messages(await reopened.GetAsync("other")));
    }
}
