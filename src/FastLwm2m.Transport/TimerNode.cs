namespace FastLwm2m.Transport;

/// <summary>
/// An intrusive entry of a <see cref="TimingWheel"/>. An object that needs a timer derives from
/// this (or owns one), so scheduling and cancelling allocate nothing. A node is in at most one
/// wheel at a time.
/// </summary>
public abstract class TimerNode
{
    // The links of the slot's doubly linked list; owned by the wheel the node is scheduled in.
    internal TimerNode? Next;
    internal TimerNode? Previous;

    // The wheel the node is scheduled in, or null when it is not scheduled.
    internal TimingWheel? Wheel;

    // Absolute tick (since the wheel's start) at or after which the node fires; its slot is
    // DeadlineTick modulo the slot count, so the wheel needs no per-node slot index.
    internal long DeadlineTick;

    /// <summary>Whether the node is currently scheduled.</summary>
    public bool IsScheduled => Wheel is not null;

    /// <summary>
    /// Called by <see cref="TimingWheel.Advance"/> when the deadline has passed; the node is no
    /// longer scheduled and may reschedule itself.
    /// </summary>
    /// <param name="nowMilliseconds">The wheel's current time.</param>
    protected internal abstract void OnTimer(long nowMilliseconds);
}
