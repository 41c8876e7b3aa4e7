namespace FastLwm2m.Transport.Tests;

public sealed class LoopCountersTests
{
    [Fact]
    public void CountMalformedAndCountDropped_FromManyThreads_LoseNoCount()
    {
        var counters = new LoopCounters();

        Parallel.For(0, 10_000, i =>
        {
            counters.CountMalformed();
            if (i % 2 == 0)
            {
                counters.CountDropped();
            }
        });

        TransportCounters snapshot = counters.Snapshot();
        Assert.Equal(10_000, snapshot.DatagramsMalformed);
        Assert.Equal(5_000, snapshot.DatagramsDropped);
        Assert.Equal(0, snapshot.DatagramsReceived);
    }
}
