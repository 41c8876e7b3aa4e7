using System.Buffers;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// The children of a node being decoded, in a pooled array: the node constructors copy them into
/// their own dictionary, so a List (and its growth) would only be garbage. Dispose returns the array.
/// </summary>
internal struct TlvNodeList<T> : IDisposable where T : Lwm2mNode
{
    private const int InitialCapacity = 8;

    private T[]? _items;
    private int _count;
    private HashSet<int>? _seen;

    /// <summary>The children added so far, for a node constructor.</summary>
    public readonly ArraySegment<T> Items => _items is null ? ArraySegment<T>.Empty : new ArraySegment<T>(_items, 0, _count);

    /// <summary>
    /// Whether a child with <paramref name="id"/> was already added. Ids usually come in ascending
    /// order, which needs no set; the set is built at the first id out of order.
    /// </summary>
    public bool Contains(int id)
    {
        if (_seen is null)
        {
            if (_count == 0 || id > _items![_count - 1].Id)
            {
                return false;
            }

            _seen = new HashSet<int>(_count + 1);
            for (int i = 0; i < _count; i++)
            {
                _seen.Add(_items![i].Id);
            }
        }

        return _seen.Contains(id);
    }

    /// <summary>Adds a child (after <see cref="Contains"/> said its id is new).</summary>
    public void Add(T item)
    {
        if (_items is null)
        {
            _items = ArrayPool<T>.Shared.Rent(InitialCapacity);
        }
        else if (_count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, _count).CopyTo(larger);
            Return(_items, _count);
            _items = larger;
        }

        _items[_count++] = item;
        _seen?.Add(item.Id);
    }

    /// <summary>Returns the array to the pool, cleared so it holds no nodes.</summary>
    public void Dispose()
    {
        if (_items is not null)
        {
            Return(_items, _count);
            _items = null;
            _count = 0;
        }
    }

    private static void Return(T[] items, int count)
    {
        items.AsSpan(0, count).Clear();
        ArrayPool<T>.Shared.Return(items);
    }
}
