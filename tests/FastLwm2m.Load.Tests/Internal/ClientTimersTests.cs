using FastLwm2m.Load.Internal;

namespace FastLwm2m.Load.Tests.Internal;

public sealed class ClientTimersTests
{
    [Fact]
    public void Advance_FiresOnlyTimersThatAreDue()
    {
        var timers = new ClientTimers(capacity: 4, slots: 16, startTick: 0);
        timers.Schedule(0, 5);
        timers.Schedule(1, 10);

        Assert.Empty(timers.Advance(4).ToArray());
        Assert.Equal([0], timers.Advance(5).ToArray());
        Assert.Equal([1], timers.Advance(12).ToArray());
        Assert.Equal(0, timers.Count);
    }

    [Fact]
    public void Cancel_RemovesTheTimer()
    {
        var timers = new ClientTimers(capacity: 4, slots: 16, startTick: 0);
        timers.Schedule(2, 3);
        timers.Cancel(2);

        Assert.False(timers.IsScheduled(2));
        Assert.Empty(timers.Advance(10).ToArray());
    }

    [Fact]
    public void Schedule_AgainReplacesTheDeadline()
    {
        var timers = new ClientTimers(capacity: 4, slots: 16, startTick: 0);
        timers.Schedule(1, 3);
        timers.Schedule(1, 8);

        Assert.Empty(timers.Advance(5).ToArray());
        Assert.Equal([1], timers.Advance(8).ToArray());
        Assert.Equal(0, timers.Count);
    }

    [Fact]
    public void Schedule_BeyondTheWheelSpan_FiresOnlyWhenDue()
    {
        var timers = new ClientTimers(capacity: 2, slots: 8, startTick: 0);
        timers.Schedule(0, 20);

        Assert.Empty(timers.Advance(4).ToArray());
        Assert.Empty(timers.Advance(12).ToArray());
        Assert.Empty(timers.Advance(19).ToArray());
        Assert.Equal([0], timers.Advance(20).ToArray());
    }

    [Fact]
    public void Schedule_InThePast_FiresOnTheNextAdvance()
    {
        var timers = new ClientTimers(capacity: 2, slots: 8, startTick: 0);
        timers.Advance(10);
        timers.Schedule(1, 3);

        Assert.Equal([1], timers.Advance(11).ToArray());
    }

    [Fact]
    public void Advance_AfterAJumpLongerThanTheWheel_FiresEverythingDue()
    {
        var timers = new ClientTimers(capacity: 100, slots: 8, startTick: 0);
        for (int i = 0; i < 100; i++)
        {
            timers.Schedule(i, i);
        }

        var fired = timers.Advance(1_000).ToArray();

        Assert.Equal(Enumerable.Range(0, 100), fired.Order());
    }
}
