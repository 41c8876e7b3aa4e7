using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// The children of a node, by id: two arrays sorted by id, found by binary search. Smaller and
/// cheaper to build than a SortedDictionary (one allocation per array, no tree nodes), and nodes
/// are immutable, so nothing is ever inserted after construction.
/// </summary>
internal sealed class SortedNodeMap<T> : IReadOnlyDictionary<int, T>
{
    private readonly int[] _keys;
    private readonly T[] _values;

    public SortedNodeMap(IEnumerable<T> items, Func<T, int> id, string what)
    {
        _values = items.ToArray();
        _keys = new int[_values.Length];
        for (int i = 0; i < _values.Length; i++)
        {
            _keys[i] = id(_values[i]);
        }

        Array.Sort(_keys, _values);
        for (int i = 1; i < _keys.Length; i++)
        {
            if (_keys[i] == _keys[i - 1])
            {
                throw new ArgumentException($"Duplicate {what} id {_keys[i]}.");
            }
        }
    }

    public int Count => _keys.Length;

    public IEnumerable<int> Keys => _keys;

    public IEnumerable<T> Values => _values;

    public T this[int key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No child with id {key}.");

    public bool ContainsKey(int key) => Array.BinarySearch(_keys, key) >= 0;

    public bool TryGetValue(int key, [MaybeNullWhen(false)] out T value)
    {
        int index = Array.BinarySearch(_keys, key);
        if (index < 0)
        {
            value = default;
            return false;
        }

        value = _values[index];
        return true;
    }

    public IEnumerator<KeyValuePair<int, T>> GetEnumerator()
    {
        for (int i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<int, T>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
