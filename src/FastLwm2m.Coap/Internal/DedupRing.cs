namespace FastLwm2m.Coap.Internal;

/// <summary>
/// The message IDs a peer sent recently (RFC 7252 §4.5), with the response we gave to each CON,
/// so that a duplicate gets the same response again without running the handler. A ring that
/// grows up to the configured capacity; entries older than the lifetime count as absent.
/// A response of up to <see cref="InlineBytes"/> bytes (an ACK, a 2.04, a 2.01 with its
/// Location-Path) is kept inside the slot; a larger one in an array kept per slot and reused:
/// steady state allocates nothing, and a peer costs a few dozen bytes per remembered message.
/// Used under the owning loop's gate only.
/// </summary>
internal sealed class DedupRing
{
    public const int InlineBytes = 32;

    private Entry[] _entries = new Entry[2];
    private int _count;
    private int _head; // index of the oldest entry

    [System.Runtime.CompilerServices.InlineArray(InlineBytes)]
    internal struct InlineResponse
    {
        private byte _first;
    }

    internal struct Entry
    {
        public long ReceivedAt;
        public byte[]? LargeResponse;
        public ushort MessageId;
        public ushort ResponseLength;
        public bool Acknowledged;
        public bool Pending; // a CON whose ACK the application deferred: retransmissions wait for it
        public InlineResponse Inline;
    }

    /// <summary>The response remembered in a slot (empty if none).</summary>
    public ReadOnlySpan<byte> ResponseOf(int slot)
    {
        ref var e = ref _entries[slot];
        return e.ResponseLength <= InlineBytes
            ? ((ReadOnlySpan<byte>)e.Inline)[..e.ResponseLength]
            : e.LargeResponse.AsSpan(0, e.ResponseLength);
    }

    public int Count => _count;

    /// <summary>Finds a live entry for the message ID; returns its slot or -1.</summary>
    public int Find(ushort messageId, long now, long lifetime)
    {
        for (int i = 0; i < _count; i++)
        {
            int slot = (_head + i) & (_entries.Length - 1);
            ref var e = ref _entries[slot];
            if (e.MessageId == messageId && now - e.ReceivedAt < lifetime)
            {
                return slot;
            }
        }

        return -1;
    }

    /// <summary>Adds an entry; returns its slot. Sets <paramref name="evicted"/> when a live entry had to go.</summary>
    public int Add(ushort messageId, long now, long lifetime, int capacity, out bool evicted)
    {
        evicted = false;

        // Drop expired entries from the old end.
        while (_count > 0 && now - _entries[_head].ReceivedAt >= lifetime)
        {
            _head = (_head + 1) & (_entries.Length - 1);
            _count--;
        }

        if (_count == _entries.Length)
        {
            if (_entries.Length < capacity)
            {
                Grow();
            }
            else
            {
                _head = (_head + 1) & (_entries.Length - 1);
                _count--;
                evicted = true;
            }
        }

        int slot = (_head + _count) & (_entries.Length - 1);
        _count++;
        ref var entry = ref _entries[slot];
        entry.MessageId = messageId;
        entry.ReceivedAt = now;
        entry.ResponseLength = 0;
        entry.Acknowledged = false;
        entry.Pending = false;
        return slot;
    }

    public ref Entry this[int slot] => ref _entries[slot];

    public void StoreResponse(int slot, ReadOnlySpan<byte> response)
    {
        ref var e = ref _entries[slot];
        if (response.Length <= InlineBytes)
        {
            response.CopyTo(e.Inline);
        }
        else
        {
            if (e.LargeResponse is null || e.LargeResponse.Length < response.Length)
            {
                e.LargeResponse = new byte[response.Length];
            }

            response.CopyTo(e.LargeResponse);
        }

        e.ResponseLength = (ushort)response.Length;
        e.Acknowledged = true;
        e.Pending = false;
    }

    public bool HasLive(long now, long lifetime) => _count > 0 && now - _entries[(_head + _count - 1) & (_entries.Length - 1)].ReceivedAt < lifetime;

    private void Grow()
    {
        // Capacity stays a power of two so slots are masked, not divided.
        var bigger = new Entry[_entries.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            bigger[i] = _entries[(_head + i) & (_entries.Length - 1)];
        }

        _entries = bigger;
        _head = 0;
    }
}
