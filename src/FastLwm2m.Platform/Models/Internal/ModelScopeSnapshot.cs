using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Internal;

/// <summary>
/// The parsed models of one scope as the store held them at one moment; immutable, replaced whole
/// when the scope changes.
/// </summary>
internal sealed class ModelScopeSnapshot
{
    public ModelScopeSnapshot(IReadOnlyList<ModelInfo> entries)
    {
        Entries = entries;
        Repository = new ObjectModelRepository(entries.Select(static e => e.Model));
        var byKey = new Dictionary<(int, ObjectVersion), ModelInfo>(entries.Count);
        foreach (ModelInfo entry in entries)
        {
            byKey[(entry.ObjectId, entry.Version)] = entry;
        }

        ByKey = byKey;
    }

    /// <summary>Every model of the scope, ordered by id then version.</summary>
    public IReadOnlyList<ModelInfo> Entries { get; }

    /// <summary>The same models, indexed for decoding.</summary>
    public ObjectModelRepository Repository { get; }

    /// <summary>(id, version) → entry.</summary>
    public IReadOnlyDictionary<(int ObjectId, ObjectVersion Version), ModelInfo> ByKey { get; }
}
