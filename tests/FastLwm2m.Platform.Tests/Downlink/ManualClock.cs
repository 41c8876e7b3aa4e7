namespace FastLwm2m.Platform.Tests.Downlink;

/// <summary>A clock the test moves by hand (the server's awake window and the queue's TTLs).</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly DateTimeOffset _start = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => _start.AddTicks(Interlocked.Read(ref _ticks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
