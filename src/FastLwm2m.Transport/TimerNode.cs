namespace FastLwm2m.Transport;

/// <summary>
/// An intrusive entry of a <see cref="TimingWheel"/>. An object that needs a timer derives from
/// this (or owns one), so scheduling and cancelling allocate nothing. A node is in at most one
/// wheel at a time.
/// </summary>
public abstract class TimerNode
{
    internal TimerNode? Next;
    internal TimerNode? Previous;
    internal TimingWheel? Wheel;
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
