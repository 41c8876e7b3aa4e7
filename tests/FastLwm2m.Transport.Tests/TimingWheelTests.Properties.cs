using CsCheck;

namespace FastLwm2m.Transport.Tests;

public sealed partial class TimingWheelTests
{
    private const int ModelSlots = 16;
    private const int ModelTimers = 12;

    private enum OperationKind
    {
        Schedule,
        Cancel,
        Advance,
    }

    private readonly record struct Operation(OperationKind Kind, int Timer, long Milliseconds);

    // Deltas up to 4 s with 16 slots of 10 ms (160 ms a revolution) cover small steps, several
    // revolutions and big jumps alike.
    private static readonly Gen<Operation> OperationGen = Gen.Select(
        Gen.Int[0, 2],
        Gen.Int[0, ModelTimers - 1],
        Gen.OneOf(Gen.Long[-20, 200], Gen.Long[0, 4_000]),
        (kind, timer, milliseconds) => new Operation((OperationKind)kind, timer, milliseconds));

    [Fact]
    public void RandomScheduleCancelAndAdvance_MatchASortedListModel() =>
        OperationGen.Array[1, 120].Sample(RunAgainstModel, iter: 2_000);

    /// <summary>
    /// The reference: a list of (deadline tick, scheduling sequence, timer) kept sorted. An advance
    /// to tick T fires, in that order, every entry with a deadline tick at or before T. Timers with
    /// an even number reschedule themselves from their callback, by their own number of ticks.
    /// </summary>
    private static void RunAgainstModel(Operation[] operations)
    {
        var wheel = new TimingWheel(Tick, ModelSlots, Start);
        var fired = new List<int>();
        var model = new List<(long DeadlineTick, long Sequence, int Timer)>();
        long sequence = 0;
        long now = Start;
        long currentTick = 0;

        long DeadlineTick(long delay)
        {
            // Rounded up to a tick, and at least one tick after the current one.
            long deadline = now - Start + Math.Max(delay, 0);
            long tick = (deadline + Tick - 1) / Tick;
            return Math.Max(tick, currentTick + 1);
        }

        void ModelSchedule(int timer, long delay)
        {
            model.RemoveAll(entry => entry.Timer == timer);
            model.Add((DeadlineTick(delay), sequence++, timer));
            model.Sort();
        }

        var timers = new TestSupport.RecordingTimer[ModelTimers];
        for (int i = 0; i < timers.Length; i++)
        {
            int id = i;
            timers[i] = new TestSupport.RecordingTimer(id.ToString())
            {
                Then = (self, _) =>
                {
                    fired.Add(id);
                    if (id % 2 == 0)
                    {
                        wheel.Schedule(self, id * Tick);
                    }
                },
            };
        }

        foreach (Operation operation in operations)
        {
            TestSupport.RecordingTimer timer = timers[operation.Timer];
            switch (operation.Kind)
            {
                case OperationKind.Schedule:
                    wheel.Schedule(timer, operation.Milliseconds);
                    ModelSchedule(operation.Timer, operation.Milliseconds);
                    break;

                case OperationKind.Cancel:
                    bool wasScheduled = model.RemoveAll(entry => entry.Timer == operation.Timer) > 0;
                    Assert.Equal(wasScheduled, wheel.Cancel(timer));
                    break;

                case OperationKind.Advance:
                    long fromTick = currentTick;
                    now += Math.Max(operation.Milliseconds, 0);
                    currentTick = (now - Start) / Tick;
                    var expected = new List<int>();
                    while (model.Count > 0 && model[0].DeadlineTick <= currentTick)
                    {
                        int due = model[0].Timer;
                        model.RemoveAt(0);
                        expected.Add(due);
                        if (due % 2 == 0)
                        {
                            ModelSchedule(due, due * Tick);
                        }
                    }

                    fired.Clear();
                    Assert.Equal(expected.Count, wheel.Advance(now));

                    // Within a revolution the wheel keeps deadline order; after a longer jump it
                    // promises only that every due timer fires, once.
                    if (currentTick - fromTick <= ModelSlots)
                    {
                        Assert.Equal(expected, fired);
                    }
                    else
                    {
                        Assert.Equal(expected.Order(), fired.Order());
                    }

                    break;
            }

            Assert.Equal(model.Count, wheel.Count);
            for (int i = 0; i < timers.Length; i++)
            {
                Assert.Equal(model.Exists(entry => entry.Timer == i), timers[i].IsScheduled);
            }
        }
    }
}
