namespace FastLwm2m.Transport.Tests.TestSupport;

/// <summary>A clock that moves only when a test moves it. Microsecond timestamps, so the
/// millisecond conversion is exercised rather than being the identity.</summary>
internal sealed class ManualTimeProvider(long startMilliseconds = 1_000_000) : TimeProvider
{
    private const long TicksPerMillisecond = 1000;
    private long _timestamp = startMilliseconds * TicksPerMillisecond;

    public override long TimestampFrequency => 1000 * TicksPerMillisecond;

    public override long GetTimestamp() => Volatile.Read(ref _timestamp);

    public void Advance(long milliseconds) => Interlocked.Add(ref _timestamp, milliseconds * TicksPerMillisecond);
}
