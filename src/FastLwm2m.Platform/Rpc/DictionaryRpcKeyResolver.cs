using System.Collections.Frozen;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Rpc;

/// <summary>One key → path map for every device (tests, embedders without profiles). Immutable and thread-safe.</summary>
public sealed class DictionaryRpcKeyResolver : IRpcKeyResolver
{
    private readonly FrozenDictionary<string, Lwm2mPath> _paths;

    /// <summary>Creates a resolver from key → path text ("/3/0/9").</summary>
    /// <exception cref="FormatException">A path is invalid.</exception>
    public DictionaryRpcKeyResolver(IEnumerable<KeyValuePair<string, string>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _paths = keys.ToFrozenDictionary(k => k.Key, k => Lwm2mPath.Parse(k.Value), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public bool TryResolve(Registration registration, string key, out Lwm2mPath path) => _paths.TryGetValue(key, out path);
}
