namespace FastLwm2m.Transport;

/// <summary>
/// A hashed timing wheel (Varghese and Lauck): a ring of slots, each a doubly linked list of
/// <see cref="TimerNode"/>s. Schedule and cancel are O(1) and allocate nothing; advancing
/// walks one slot per elapsed tick. Deadlines further than one revolution away stay in their
/// slot until their tick comes round. Not thread-safe: one wheel belongs to one loop and is
/// used under that loop's <see cref="UdpLoop.Gate"/>.
/// </summary>
public sealed class TimingWheel
{
    // TODO(transport): implement. Contract below is fixed; keep signatures.

    /// <summary>Creates a wheel.</summary>
    /// <param name="tickMilliseconds">Resolution; deadlines are rounded up to a tick.</param>
    /// <param name="slotCount">Number of slots, rounded up to a power of two.</param>
    /// <param name="startMilliseconds">The clock's current time.</param>
    public TimingWheel(int tickMilliseconds, int slotCount, long startMilliseconds) => throw new NotImplementedException();

    /// <summary>The time the wheel was last advanced to.</summary>
    public long NowMilliseconds => throw new NotImplementedException();

    /// <summary>Number of scheduled nodes.</summary>
    public int Count => throw new NotImplementedException();

    /// <summary>
    /// Schedules <paramref name="node"/> to fire <paramref name="delayMilliseconds"/> after
    /// <see cref="NowMilliseconds"/> (at least one tick later). Reschedules it if it was
    /// already scheduled.
    /// </summary>
    public void Schedule(TimerNode node, long delayMilliseconds) => throw new NotImplementedException();

    /// <summary>Cancels a node; returns false if it was not scheduled in this wheel.</summary>
    public bool Cancel(TimerNode node) => throw new NotImplementedException();

    /// <summary>
    /// Advances the wheel to <paramref name="nowMilliseconds"/>, firing every node whose deadline
    /// has passed, in deadline-tick order. An exception from a node's callback is caught, passed to
    /// <paramref name="onError"/> (if given) and does not stop the advance. Returns the number fired.
    /// </summary>
    public int Advance(long nowMilliseconds, Action<Exception>? onError = null) => throw new NotImplementedException();
}
