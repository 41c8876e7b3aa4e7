namespace FastLwm2m.Transport.Tests;

public sealed class TransportCountersTests
{
    [Fact]
    public void Addition_AddsEveryField()
    {
        var left = new TransportCounters(1, 2, 3, 4, 5, 6, 7, 8, 9);
        var right = new TransportCounters(10, 20, 30, 40, 50, 60, 70, 80, 90);

        Assert.Equal(new TransportCounters(11, 22, 33, 44, 55, 66, 77, 88, 99), left + right);
    }
}
