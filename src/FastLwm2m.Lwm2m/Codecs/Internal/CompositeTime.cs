namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>How a format tells relative times from absolute ones.</summary>
internal enum CompositeTimeRule : byte
{
    /// <summary>
    /// RFC 8428 §4.5.3 (SenML, LwM2M 1.1+): a resolved time below 2^28 is relative to now (negative:
    /// in the past), from 2^28 on it is seconds since the Unix epoch.
    /// </summary>
    Senml,

    /// <summary>
    /// The SenML draft LwM2M 1.0 §6.4.4 JSON follows: zero or negative is relative to now, positive is
    /// seconds since the Unix epoch.
    /// </summary>
    Lwm2mJson,
}

/// <summary>Resolves record times (base time + time) to instants, and writes instants as seconds.</summary>
internal static class CompositeTime
{
    /// <summary>2^28: RFC 8428 §4.5.3's boundary between relative and absolute times.</summary>
    public const double SenmlRelativeLimit = 268_435_456;

    private const double MillisecondsPerSecond = 1000;
    private static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// Resolves <paramref name="seconds"/> (bt + t) with <paramref name="rule"/>, reading the clock at
    /// most once per payload (<paramref name="now"/> caches it). Millisecond precision.
    /// </summary>
    public static bool TryResolve(double seconds, CompositeTimeRule rule, TimeProvider clock, ref DateTimeOffset? now, out DateTimeOffset time)
    {
        time = default;
        if (!double.IsFinite(seconds))
        {
            return false;
        }

        bool relative = rule == CompositeTimeRule.Senml ? seconds < SenmlRelativeLimit : seconds <= 0;
        double milliseconds = Math.Round(seconds * MillisecondsPerSecond);
        if (relative)
        {
            now ??= clock.GetUtcNow();
            milliseconds += now.Value.ToUnixTimeMilliseconds();
        }

        if (milliseconds < MinUnixMilliseconds || milliseconds > MaxUnixMilliseconds)
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        return true;
    }

    /// <summary>Whether <paramref name="time"/> falls on a whole second (written as an integer).</summary>
    public static bool IsWholeSecond(DateTimeOffset time, out long seconds)
    {
        long ms = time.ToUnixTimeMilliseconds();
        seconds = ms / 1000;
        return ms % 1000 == 0;
    }

    /// <summary>Seconds since the Unix epoch with millisecond precision.</summary>
    public static double ToSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / MillisecondsPerSecond;
}
