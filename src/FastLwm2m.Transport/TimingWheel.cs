using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace FastLwm2m.Transport;

/// <summary>
/// A hashed timing wheel (Varghese and Lauck): a ring of slots, each a doubly linked list of
/// <see cref="TimerNode"/>s. Schedule and cancel are O(1) and allocate nothing; advancing
/// walks one slot per elapsed tick. Deadlines further than one revolution away stay in their
/// slot until their tick comes round. Not thread-safe: one wheel belongs to one loop and is
/// used under that loop's <see cref="UdpLoop.Gate"/>.
/// </summary>
/// <remarks>
/// Time is kept as whole ticks since the start time given to the constructor. A node scheduled
/// for a deadline fires on the first <see cref="Advance"/> whose tick is at or past the deadline
/// rounded up to a tick, so a node never fires early and at most one tick late (plus however
/// late <see cref="Advance"/> is called). Nodes due in the same tick fire in the order they were
/// scheduled. Callbacks see the time passed to <see cref="Advance"/>; a node they schedule is due
/// at least one tick after it, so it never fires again in the same advance.
/// </remarks>
public sealed class TimingWheel
{
    private readonly long _tickMilliseconds;
    private readonly long _startMilliseconds;
    private readonly long _mask;
    private readonly TimerNode?[] _heads;
    private readonly TimerNode?[] _tails;
    private long _nowMilliseconds;

    // The tick of _nowMilliseconds: every node due at or before it has fired.
    private long _currentTick;
    private int _count;

    // The node Advance visits next in the slot it is walking. Unlink moves it on when a callback
    // cancels or reschedules that very node, so the walk survives any change a callback makes.
    private TimerNode? _walkNext;
    private bool _advancing;

    /// <summary>Creates a wheel.</summary>
    /// <param name="tickMilliseconds">Resolution; deadlines are rounded up to a tick.</param>
    /// <param name="slotCount">Number of slots, rounded up to a power of two.</param>
    /// <param name="startMilliseconds">The clock's current time.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tick is not positive, or the slot count is not between 1 and 2^30.</exception>
    public TimingWheel(int tickMilliseconds, int slotCount, long startMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tickMilliseconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slotCount, 1 << 30);

        // A power of two turns "tick modulo slots" into a mask.
        int slots = (int)BitOperations.RoundUpToPowerOf2((uint)slotCount);
        _tickMilliseconds = tickMilliseconds;
        _startMilliseconds = startMilliseconds;
        _nowMilliseconds = startMilliseconds;
        _mask = slots - 1;
        _heads = new TimerNode?[slots];
        _tails = new TimerNode?[slots];
    }

    /// <summary>The time the wheel was last advanced to.</summary>
    public long NowMilliseconds => _nowMilliseconds;

    /// <summary>Number of scheduled nodes.</summary>
    public int Count => _count;

    /// <summary>Number of slots (the requested count rounded up to a power of two).</summary>
    public int SlotCount => _heads.Length;

    /// <summary>The resolution in milliseconds.</summary>
    public int TickMilliseconds => (int)_tickMilliseconds;

    /// <summary>
    /// Schedules <paramref name="node"/> to fire <paramref name="delayMilliseconds"/> after
    /// <see cref="NowMilliseconds"/> (at least one tick later). Reschedules it if it was
    /// already scheduled.
    /// </summary>
    /// <remarks>A negative delay is treated as zero: the node fires on the next tick.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The node is scheduled in another wheel.</exception>
    public void Schedule(TimerNode node, long delayMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Wheel is not null)
        {
            if (node.Wheel != this)
            {
                ThrowScheduledElsewhere();
            }

            Unlink(node);
        }

        node.DeadlineTick = DeadlineTickFor(delayMilliseconds);
        Link(node);
    }

    /// <summary>Cancels a node; returns false if it was not scheduled in this wheel.</summary>
    public bool Cancel(TimerNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Wheel != this)
        {
            return false;
        }

        Unlink(node);
        return true;
    }

    /// <summary>
    /// Advances the wheel to <paramref name="nowMilliseconds"/>, firing every node whose deadline
    /// has passed, in deadline-tick order. An exception from a node's callback is caught, passed to
    /// <paramref name="onError"/> (if given) and does not stop the advance. Returns the number fired.
    /// </summary>
    /// <remarks>
    /// A time earlier than <see cref="NowMilliseconds"/> is ignored (the wheel never goes back).
    /// After a jump of more than one revolution each slot is visited once and every due node
    /// fires, but nodes from different revolutions then fire in slot order, not deadline order.
    /// </remarks>
    /// <exception cref="InvalidOperationException">Called from a callback of the same wheel.</exception>
    public int Advance(long nowMilliseconds, Action<Exception>? onError = null)
    {
        if (nowMilliseconds <= _nowMilliseconds)
        {
            return 0;
        }

        if (_advancing)
        {
            ThrowReentrantAdvance();
        }

        long fromTick = _currentTick;
        long targetTick = (nowMilliseconds - _startMilliseconds) / _tickMilliseconds;

        // Callbacks (and anything they schedule) see the new time straight away, so a node they
        // schedule is due after targetTick and is left alone by the walk below.
        _nowMilliseconds = nowMilliseconds;
        _currentTick = targetTick;
        if (targetTick == fromTick || _count == 0)
        {
            return 0;
        }

        // Every slot holds only nodes due after fromTick (earlier ones have fired), so visiting
        // fromTick+1 .. targetTick finds all that are due; capping the walk at one revolution
        // still visits every slot once, so a long pause costs one revolution, not one step per tick.
        long ticks = Math.Min(targetTick - fromTick, _heads.Length);
        int fired = 0;
        _advancing = true;
        try
        {
            for (long tick = fromTick + 1; tick <= fromTick + ticks && _count > 0; tick++)
            {
                fired += FireDue(tick & _mask, targetTick, nowMilliseconds, onError);
            }
        }
        finally
        {
            _advancing = false;
            _walkNext = null;
        }

        return fired;
    }

    private int FireDue(long slot, long targetTick, long nowMilliseconds, Action<Exception>? onError)
    {
        int fired = 0;
        TimerNode? node = _heads[slot];
        while (node is not null)
        {
            _walkNext = node.Next;

            // A node of a later revolution shares the slot; it stays until its tick comes round.
            if (node.DeadlineTick <= targetTick)
            {
                Unlink(node);
                fired++;
                try
                {
                    node.OnTimer(nowMilliseconds);
                }
                catch (Exception exception) when (onError is not null)
                {
                    onError(exception);
                }
                catch (Exception)
                {
                    // No error sink: one failing timer must not starve the others.
                }
            }

            node = _walkNext;
        }

        return fired;
    }

    private long DeadlineTickFor(long delayMilliseconds)
    {
        // Clamp so the sum below cannot overflow; 2^62 ms is beyond any real deadline.
        long delay = Math.Clamp(delayMilliseconds, 0, long.MaxValue >> 1);
        long elapsed = _nowMilliseconds - _startMilliseconds;
        long deadline = elapsed > (long.MaxValue >> 1) ? long.MaxValue : elapsed + delay;

        // Round up: a node must never fire before its deadline.
        long tick = (deadline / _tickMilliseconds) + (deadline % _tickMilliseconds == 0 ? 0 : 1);
        return Math.Max(tick, _currentTick + 1);
    }

    private void Link(TimerNode node)
    {
        // Appending keeps same-tick nodes in scheduling order.
        long slot = node.DeadlineTick & _mask;
        TimerNode? tail = _tails[slot];
        node.Previous = tail;
        node.Next = null;
        if (tail is null)
        {
            _heads[slot] = node;
        }
        else
        {
            tail.Next = node;
        }

        _tails[slot] = node;
        node.Wheel = this;
        _count++;
    }

    private void Unlink(TimerNode node)
    {
        Debug.Assert(node.Wheel == this, "Only a node of this wheel can be unlinked.");
        if (node == _walkNext)
        {
            _walkNext = node.Next;
        }

        long slot = node.DeadlineTick & _mask;
        if (node.Previous is null)
        {
            _heads[slot] = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next is null)
        {
            _tails[slot] = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Next = null;
        node.Previous = null;
        node.Wheel = null;
        _count--;
    }

    [DoesNotReturn]
    private static void ThrowScheduledElsewhere() =>
        throw new InvalidOperationException("The timer node is scheduled in another wheel; cancel it there first.");

    [DoesNotReturn]
    private static void ThrowReentrantAdvance() =>
        throw new InvalidOperationException("TimingWheel.Advance was called from one of its own timer callbacks.");
}
