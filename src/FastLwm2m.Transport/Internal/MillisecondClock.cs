namespace FastLwm2m.Transport.Internal;

/// <summary>
/// Reads a <see cref="TimeProvider"/>'s monotonic timestamp as milliseconds, the unit of the
/// timing wheels. Thread-safe and allocation-free.
/// </summary>
internal sealed class MillisecondClock
{
    private const long MillisecondsPerSecond = 1000;

    private readonly TimeProvider _timeProvider;
    private readonly long _frequency;

    public MillisecondClock(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _frequency = timeProvider.TimestampFrequency;
    }

    /// <summary>The clock's current time in milliseconds (from an arbitrary origin).</summary>
    public long NowMilliseconds => ToMilliseconds(_timeProvider.GetTimestamp(), _frequency);

    /// <summary>
    /// Converts a timestamp to milliseconds. Whole seconds and the remainder are scaled apart:
    /// a nanosecond timestamp times 1000 would overflow after about 106 days of uptime.
    /// </summary>
    public static long ToMilliseconds(long timestamp, long frequency) =>
        (timestamp / frequency * MillisecondsPerSecond) + (timestamp % frequency * MillisecondsPerSecond / frequency);
}
