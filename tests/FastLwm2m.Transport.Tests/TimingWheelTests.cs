using FastLwm2m.Transport.Tests.TestSupport;

namespace FastLwm2m.Transport.Tests;

public sealed partial class TimingWheelTests
{
    private const int Tick = 10;
    private const long Start = 1_000;

    private readonly List<(string Name, long At)> _log = [];

    private static TimingWheel NewWheel(int slots = 8) => new(Tick, slots, Start);

    private RecordingTimer Timer(string name) => new(name, _log);

    private string[] FiredNames() => [.. _log.Select(entry => entry.Name)];

    [Fact]
    public void Constructor_RoundsSlotCountUpToPowerOfTwo()
    {
        Assert.Equal(8, new TimingWheel(Tick, 5, Start).SlotCount);
        Assert.Equal(1, new TimingWheel(Tick, 1, Start).SlotCount);
        Assert.Equal(1024, new TimingWheel(Tick, 1024, Start).SlotCount);
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(10, 0)]
    [InlineData(10, -1)]
    public void Constructor_InvalidArguments_Throw(int tick, int slots) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimingWheel(tick, slots, Start));

    [Fact]
    public void Advance_FiresAtDeadline_NotOneTickBefore()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer timer = Timer("a");
        wheel.Schedule(timer, 50);

        Assert.Equal(0, wheel.Advance(Start + 50 - Tick));
        Assert.Equal(0, timer.Fired);
        Assert.True(timer.IsScheduled);

        Assert.Equal(1, wheel.Advance(Start + 50));
        Assert.Equal(1, timer.Fired);
        Assert.Equal(Start + 50, timer.LastFiredAt);
        Assert.False(timer.IsScheduled);
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Schedule_RoundsDeadlineUpToATick_SoNothingFiresEarly()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer timer = Timer("a");
        wheel.Schedule(timer, 41);

        wheel.Advance(Start + 49);
        Assert.Equal(0, timer.Fired);

        wheel.Advance(Start + 50);
        Assert.Equal(1, timer.Fired);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1)]
    public void Schedule_ShortOrNegativeDelay_FiresOnTheNextTickNotImmediately(long delay)
    {
        TimingWheel wheel = NewWheel();
        wheel.Advance(Start + 3);
        RecordingTimer timer = Timer("a");
        wheel.Schedule(timer, delay);

        Assert.Equal(0, wheel.Advance(Start + 9));
        Assert.Equal(1, wheel.Advance(Start + 10));
    }

    [Fact]
    public void Advance_FiresInDeadlineOrder_AndSameTickInSchedulingOrder()
    {
        TimingWheel wheel = NewWheel();
        wheel.Schedule(Timer("late"), 60);
        wheel.Schedule(Timer("first"), 20);
        wheel.Schedule(Timer("middle-1"), 40);
        wheel.Schedule(Timer("middle-2"), 35);

        Assert.Equal(4, wheel.Advance(Start + 70));

        Assert.Equal(["first", "middle-1", "middle-2", "late"], FiredNames());
    }

    [Fact]
    public void Cancel_ScheduledNode_NeverFires()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer cancelled = Timer("cancelled");
        RecordingTimer kept = Timer("kept");
        wheel.Schedule(cancelled, 20);
        wheel.Schedule(kept, 20);

        Assert.True(wheel.Cancel(cancelled));
        Assert.False(cancelled.IsScheduled);
        Assert.Equal(1, wheel.Count);

        wheel.Advance(Start + 100);
        Assert.Equal(["kept"], FiredNames());
    }

    [Fact]
    public void Cancel_NodeNotScheduledHere_ReturnsFalse()
    {
        TimingWheel wheel = NewWheel();
        TimingWheel other = NewWheel();
        RecordingTimer timer = Timer("a");

        Assert.False(wheel.Cancel(timer));
        other.Schedule(timer, 10);
        Assert.False(wheel.Cancel(timer));
        Assert.True(timer.IsScheduled);
        Assert.True(other.Cancel(timer));
        Assert.False(other.Cancel(timer));
    }

    [Fact]
    public void Schedule_NodeOfAnotherWheel_Throws()
    {
        TimingWheel wheel = NewWheel();
        TimingWheel other = NewWheel();
        RecordingTimer timer = Timer("a");
        other.Schedule(timer, 10);

        Assert.Throws<InvalidOperationException>(() => wheel.Schedule(timer, 10));
        Assert.Equal(0, wheel.Count);
        Assert.Equal(1, other.Count);
    }

    [Fact]
    public void Schedule_AlreadyScheduledNode_MovesItsDeadline()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer timer = Timer("a");
        wheel.Schedule(timer, 20);
        wheel.Schedule(timer, 60);

        Assert.Equal(1, wheel.Count);
        Assert.Equal(0, wheel.Advance(Start + 50));
        Assert.Equal(1, wheel.Advance(Start + 60));
    }

    [Fact]
    public void Count_FollowsScheduleCancelAndFire()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer a = Timer("a");
        RecordingTimer b = Timer("b");
        RecordingTimer c = Timer("c");

        wheel.Schedule(a, 10);
        wheel.Schedule(b, 20);
        wheel.Schedule(c, 500);
        wheel.Schedule(a, 30);
        Assert.Equal(3, wheel.Count);

        wheel.Cancel(b);
        Assert.Equal(2, wheel.Count);

        wheel.Advance(Start + 30);
        Assert.Equal(1, wheel.Count);
    }

    [Fact]
    public void OnTimer_ReschedulingItself_FiresAgainOnlyAtItsNewDeadline()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer timer = Timer("periodic");
        timer.Then = (self, _) => wheel.Schedule(self, 30);
        wheel.Schedule(timer, 30);

        Assert.Equal(1, wheel.Advance(Start + 30));
        Assert.True(timer.IsScheduled);
        Assert.Equal(0, wheel.Advance(Start + 59));
        Assert.Equal(1, wheel.Advance(Start + 60));
        Assert.Equal(2, timer.Fired);
    }

    [Fact]
    public void OnTimer_ReschedulingIntoTheSlotBeingWalked_DoesNotFireAgainInTheSameAdvance()
    {
        // 8 slots of 10 ms: a delay of 80 ms lands in the very slot being walked.
        TimingWheel wheel = NewWheel(slots: 8);
        RecordingTimer timer = Timer("a");
        RecordingTimer neighbour = Timer("b");
        timer.Then = (self, _) => wheel.Schedule(self, 80);
        wheel.Schedule(timer, 10);
        wheel.Schedule(neighbour, 10);

        Assert.Equal(2, wheel.Advance(Start + 10));
        Assert.Equal(1, timer.Fired);
        Assert.Equal(0, wheel.Advance(Start + 89));
        Assert.Equal(1, wheel.Advance(Start + 90));
        Assert.Equal(2, timer.Fired);
    }

    [Fact]
    public void OnTimer_ReschedulingWithZeroDelayDuringABigAdvance_FiresOncePerAdvance()
    {
        TimingWheel wheel = NewWheel(slots: 8);
        RecordingTimer timer = Timer("a");
        timer.Then = (self, _) => wheel.Schedule(self, 0);
        wheel.Schedule(timer, 10);

        Assert.Equal(1, wheel.Advance(Start + 10_000));
        Assert.Equal(1, wheel.Advance(Start + 10_010));
        Assert.Equal(2, timer.Fired);
    }

    [Fact]
    public void OnTimer_CancellingTheNextNodeOfItsSlot_KeepsTheWalkIntact()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer victim = Timer("victim");
        RecordingTimer last = Timer("last");
        RecordingTimer killer = Timer("killer");
        killer.Then = (_, _) => wheel.Cancel(victim);
        wheel.Schedule(killer, 20);
        wheel.Schedule(victim, 20);
        wheel.Schedule(last, 20);

        Assert.Equal(2, wheel.Advance(Start + 20));
        Assert.Equal(["killer", "last"], FiredNames());
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void OnTimer_SchedulingAnotherNodeDueNow_FiresItOnTheNextTickNotInThisAdvance()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer child = Timer("child");
        RecordingTimer parent = Timer("parent");
        parent.Then = (_, _) => wheel.Schedule(child, 0);
        wheel.Schedule(parent, 20);

        Assert.Equal(1, wheel.Advance(Start + 20));
        Assert.Equal(1, wheel.Advance(Start + 30));
        Assert.Equal(["parent", "child"], FiredNames());
    }

    [Fact]
    public void Advance_DeadlineSeveralRevolutionsAway_WaitsForItsRound()
    {
        // 8 slots of 10 ms = 80 ms per revolution; 250 ms is three revolutions and a bit.
        TimingWheel wheel = NewWheel(slots: 8);
        RecordingTimer far = Timer("far");
        RecordingTimer sameSlotSooner = Timer("sooner");
        wheel.Schedule(far, 250);
        wheel.Schedule(sameSlotSooner, 90);

        for (long now = Start + 5; now < Start + 250; now += 5)
        {
            wheel.Advance(now);
            Assert.Equal(now >= Start + 90 ? 1 : 0, sameSlotSooner.Fired);
            Assert.Equal(0, far.Fired);
        }

        Assert.Equal(1, wheel.Advance(Start + 250));
        Assert.Equal(1, far.Fired);
    }

    [Fact]
    public void Advance_BigJump_FiresEveryDueNodeAndKeepsTheRest()
    {
        TimingWheel wheel = NewWheel(slots: 8);
        RecordingTimer[] due = [.. Enumerable.Range(0, 20).Select(i => Timer($"due-{i}"))];
        RecordingTimer[] notDue = [.. Enumerable.Range(0, 20).Select(i => Timer($"later-{i}"))];
        for (int i = 0; i < due.Length; i++)
        {
            wheel.Schedule(due[i], 10 + (i * 37));
            wheel.Schedule(notDue[i], 1_000_000 + (i * 37));
        }

        // Far more ticks than slots: one revolution is walked, not 100,000 ticks.
        Assert.Equal(20, wheel.Advance(Start + 999_999));
        Assert.All(due, timer => Assert.Equal(1, timer.Fired));
        Assert.All(notDue, timer => Assert.True(timer.IsScheduled));
        Assert.Equal(20, wheel.Count);

        Assert.Equal(20, wheel.Advance(Start + 1_000_000 + (19 * 37) + Tick));
        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void Advance_HugeJump_ReturnsQuickly()
    {
        TimingWheel wheel = new(1, 1 << 20, 0);
        RecordingTimer timer = Timer("a");
        wheel.Schedule(timer, long.MaxValue);

        // 2^60 ticks: a walk per tick would never end, one revolution of 2^20 slots is quick.
        Assert.Equal(0, wheel.Advance(1L << 60));
        Assert.True(timer.IsScheduled);
        wheel.Schedule(timer, 1);
        Assert.Equal(1, wheel.Advance((1L << 60) + 1));
    }

    [Fact]
    public void Advance_BackwardsOrToTheSameTime_DoesNothing()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer timer = Timer("a");
        wheel.Advance(Start + 100);
        wheel.Schedule(timer, 10);

        Assert.Equal(0, wheel.Advance(Start + 50));
        Assert.Equal(Start + 100, wheel.NowMilliseconds);
        Assert.Equal(0, wheel.Advance(Start + 100));
        Assert.Equal(1, wheel.Advance(Start + 110));
    }

    [Fact]
    public void Advance_CallbackThrows_ReportsAndKeepsFiringTheOthers()
    {
        TimingWheel wheel = NewWheel();
        var errors = new List<Exception>();
        RecordingTimer before = Timer("before");
        RecordingTimer thrower = Timer("thrower");
        RecordingTimer sameTick = Timer("same-tick");
        RecordingTimer later = Timer("later");
        thrower.Then = (_, _) => throw new InvalidOperationException("boom");
        wheel.Schedule(before, 10);
        wheel.Schedule(thrower, 20);
        wheel.Schedule(sameTick, 20);
        wheel.Schedule(later, 30);

        Assert.Equal(4, wheel.Advance(Start + 30, errors.Add));

        Assert.Equal(["before", "thrower", "same-tick", "later"], FiredNames());
        Assert.Equal("boom", Assert.Single(errors).Message);
    }

    [Fact]
    public void Advance_CallbackThrowsWithoutErrorSink_KeepsFiringTheOthers()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer thrower = Timer("thrower");
        RecordingTimer other = Timer("other");
        thrower.Then = (_, _) => throw new InvalidOperationException("boom");
        wheel.Schedule(thrower, 10);
        wheel.Schedule(other, 10);

        Assert.Equal(2, wheel.Advance(Start + 10));
        Assert.Equal(1, other.Fired);
    }

    [Fact]
    public void Advance_FromItsOwnCallback_Throws()
    {
        TimingWheel wheel = NewWheel();
        var errors = new List<Exception>();
        RecordingTimer timer = Timer("a");
        timer.Then = (_, now) => wheel.Advance(now + 100);
        wheel.Schedule(timer, 10);

        wheel.Advance(Start + 10, errors.Add);

        Assert.IsType<InvalidOperationException>(Assert.Single(errors));
    }

    [Fact]
    public void OnTimer_SeesTheTimeTheWheelWasAdvancedTo()
    {
        TimingWheel wheel = NewWheel();
        RecordingTimer timer = Timer("a");
        wheel.Schedule(timer, 10);

        wheel.Advance(Start + 47);

        Assert.Equal(Start + 47, timer.LastFiredAt);
        Assert.Equal(Start + 47, wheel.NowMilliseconds);
    }

    [Fact]
    public void ScheduleCancelAndAdvance_AfterWarmUp_AllocateNothing()
    {
        TimingWheel wheel = new(Tick, 64, Start);
        RecordingTimer[] timers = [.. Enumerable.Range(0, 64).Select(i => new RecordingTimer($"t{i}"))];
        long now = Start;

        void Cycle(int i)
        {
            RecordingTimer timer = timers[i % timers.Length];
            wheel.Schedule(timer, (i % 7) * Tick);
            if (i % 5 == 0)
            {
                wheel.Cancel(timers[(i + 3) % timers.Length]);
            }

            now += Tick;
            wheel.Advance(now);
        }

        for (int i = 0; i < 1_000; i++)
        {
            Cycle(i);
        }

        long allocated = Allocations.OnCurrentThread(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                Cycle(i);
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(timers.Sum(t => t.Fired) > 5_000);
    }
}
