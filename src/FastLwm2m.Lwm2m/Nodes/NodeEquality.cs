namespace FastLwm2m.Lwm2m;

internal static class NodeEquality
{
    public static bool SameEntries<T>(IReadOnlyDictionary<int, T> a, IReadOnlyDictionary<int, T> b) where T : class
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !value.Equals(other))
            {
                return false;
            }
        }

        return true;
    }
}
