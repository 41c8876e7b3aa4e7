namespace FastLwm2m.Load.Internal;

/// <summary>
/// A hashed timing wheel with one timer per client: the retransmission deadline of its request
/// in flight, or the moment it starts its next request. Clients are ids 0..capacity-1 linked
/// through arrays (intrusive doubly-linked lists, one per slot), so schedule and cancel are
/// O(1) and allocation-free. Ticks are milliseconds; a deadline further away than the wheel's
/// span stays in its slot and is skipped until a later turn reaches it. Not thread-safe: one
/// per <see cref="ClientShard"/>.
/// </summary>
internal sealed class ClientTimers
{
    private const int None = -1;

    private readonly int[] _heads;
    private readonly int[] _next;
    private readonly int[] _previous;
    private readonly int[] _slotOf;
    private readonly long[] _due;
    private readonly int _mask;
    private int[] _fired = new int[64];
    private long _lastTick;

    /// <param name="capacity">Number of clients (ids).</param>
    /// <param name="slots">Slots, a power of two; with 1 ms ticks 4096 spans 4 s.</param>
    /// <param name="startTick">The tick the wheel starts at; deadlines at or before it fire on the first advance.</param>
    public ClientTimers(int capacity, int slots, long startTick)
    {
        if (slots <= 0 || (slots & (slots - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), "A power of two.");
        }

        _heads = new int[slots];
        Array.Fill(_heads, None);
        _next = new int[capacity];
        _previous = new int[capacity];
        _slotOf = new int[capacity];
        Array.Fill(_slotOf, None);
        _due = new long[capacity];
        _mask = slots - 1;
        _lastTick = startTick - 1;
    }

    /// <summary>Number of scheduled timers.</summary>
    public int Count { get; private set; }

    /// <summary>Whether <paramref name="id"/> has a timer.</summary>
    public bool IsScheduled(int id) => _slotOf[id] != None;

    /// <summary>(Re)schedules <paramref name="id"/> to fire at <paramref name="dueTick"/>, replacing its timer if it had one.</summary>
    public void Schedule(int id, long dueTick)
    {
        Cancel(id);

        // A deadline already passed goes to the next slot visited, so it fires on the next advance.
        long slotTick = Math.Max(dueTick, _lastTick + 1);
        int slot = (int)(slotTick & _mask);
        int head = _heads[slot];
        _next[id] = head;
        _previous[id] = None;
        if (head != None)
        {
            _previous[head] = id;
        }

        _heads[slot] = id;
        _slotOf[id] = slot;
        _due[id] = dueTick;
        Count++;
    }

    /// <summary>Removes the timer of <paramref name="id"/>, if any.</summary>
    public void Cancel(int id)
    {
        int slot = _slotOf[id];
        if (slot == None)
        {
            return;
        }

        int next = _next[id];
        int previous = _previous[id];
        if (previous == None)
        {
            _heads[slot] = next;
        }
        else
        {
            _next[previous] = next;
        }

        if (next != None)
        {
            _previous[next] = previous;
        }

        _slotOf[id] = None;
        Count--;
    }

    /// <summary>
    /// Removes every timer due at or before <paramref name="nowTick"/> and returns their ids
    /// (valid until the next call). Ticks never go backwards.
    /// </summary>
    public ReadOnlySpan<int> Advance(long nowTick)
    {
        int fired = 0;
        if (nowTick <= _lastTick)
        {
            return default;
        }

        // After a jump longer than the wheel every slot is visited once, which is enough.
        long first = Math.Max(_lastTick + 1, nowTick - _mask);
        for (long tick = first; tick <= nowTick; tick++)
        {
            int id = _heads[(int)(tick & _mask)];
            while (id != None)
            {
                int next = _next[id];
                if (_due[id] <= nowTick)
                {
                    Cancel(id);
                    if (fired == _fired.Length)
                    {
                        Array.Resize(ref _fired, fired * 2);
                    }

                    _fired[fired++] = id;
                }

                id = next;
            }
        }

        _lastTick = nowTick;
        return _fired.AsSpan(0, fired);
    }
}
