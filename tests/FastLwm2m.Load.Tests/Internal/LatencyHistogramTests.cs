using FastLwm2m.Load.Internal;

namespace FastLwm2m.Load.Tests.Internal;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void ValueAtPercentile_Empty_IsZero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.ValueAtPercentile(50));
        Assert.Equal(0, histogram.Count);
    }

    [Fact]
    public void ValueAtPercentile_ValuesBelow128_AreExact()
    {
        var histogram = new LatencyHistogram();
        for (int v = 1; v <= 100; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(50, histogram.ValueAtPercentile(50));
        Assert.Equal(90, histogram.ValueAtPercentile(90));
        Assert.Equal(99, histogram.ValueAtPercentile(99));
        Assert.Equal(100, histogram.ValueAtPercentile(100));
    }

    [Theory]
    [InlineData(128)]
    [InlineData(1_000)]
    [InlineData(123_456)]
    [InlineData(2_000_000)]
    [InlineData(93_000_000)]
    public void ValueAtPercentile_LargeValues_AreWithinOneSixtyFourth(long value)
    {
        var histogram = new LatencyHistogram();
        histogram.Record(value);
        histogram.Record(value * 2);

        long p50 = histogram.ValueAtPercentile(50);

        Assert.InRange(p50, value, value + (value / 64));
    }

    [Fact]
    public void Max_IsExactAndCapsEveryPercentile()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_000_001);

        Assert.Equal(1_000_001, histogram.Max);
        Assert.Equal(1_000_001, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Add_MergesCountsAndMax()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        for (int i = 0; i < 90; i++)
        {
            a.Record(10);
        }

        for (int i = 0; i < 10; i++)
        {
            b.Record(5_000);
        }

        a.Add(b);

        Assert.Equal(100, a.Count);
        Assert.Equal(10, a.ValueAtPercentile(90));
        Assert.InRange(a.ValueAtPercentile(91), 5_000, 5_000);
        Assert.Equal(5_000, a.Max);
    }

    [Fact]
    public void IndexOf_IsMonotonicAndBucketsHoldTheirValues()
    {
        int previous = -1;
        for (long v = 0; v < 1 << 20; v += 7)
        {
            int index = LatencyHistogram.IndexOf(v);
            Assert.True(index >= previous);
            Assert.True(LatencyHistogram.HighestValueOf(index) >= v);
            previous = index;
        }
    }

    [Fact]
    public void Record_NegativeAndHugeValues_AreClamped()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(long.MaxValue);

        Assert.Equal(0, histogram.ValueAtPercentile(50));
        Assert.Equal((1L << 40) - 1, histogram.Max);
    }
}
