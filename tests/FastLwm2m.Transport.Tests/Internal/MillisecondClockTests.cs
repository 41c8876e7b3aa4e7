using FastLwm2m.Transport.Internal;
using FastLwm2m.Transport.Tests.TestSupport;

namespace FastLwm2m.Transport.Tests.Internal;

public sealed class MillisecondClockTests
{
    [Theory]
    [InlineData(0, 1_000_000_000, 0)]
    [InlineData(1_999_999, 1_000_000_000, 1)]
    [InlineData(1_500_000_000, 1_000_000_000, 1_500)]
    [InlineData(12_345, 1_000, 12_345)]
    [InlineData(25, 10_000, 2)]
    public void ToMilliseconds_TruncatesToWholeMilliseconds(long timestamp, long frequency, long expected) =>
        Assert.Equal(expected, MillisecondClock.ToMilliseconds(timestamp, frequency));

    [Fact]
    public void ToMilliseconds_NanosecondTimestampAfterYearsOfUptime_DoesNotOverflow()
    {
        // timestamp * 1000 would overflow past 2^63 / 1000 ns, about 106 days.
        long fiveYearsInNanoseconds = 5L * 365 * 24 * 3600 * 1_000_000_000;

        Assert.Equal(fiveYearsInNanoseconds / 1_000_000, MillisecondClock.ToMilliseconds(fiveYearsInNanoseconds, 1_000_000_000));
        Assert.Equal(long.MaxValue / 1_000_000, MillisecondClock.ToMilliseconds(long.MaxValue, 1_000_000_000));
    }

    [Fact]
    public void NowMilliseconds_FollowsTheTimeProvider()
    {
        var time = new ManualTimeProvider(startMilliseconds: 5_000);
        var clock = new MillisecondClock(time);

        Assert.Equal(5_000, clock.NowMilliseconds);
        time.Advance(1_234);
        Assert.Equal(6_234, clock.NowMilliseconds);
    }
}
