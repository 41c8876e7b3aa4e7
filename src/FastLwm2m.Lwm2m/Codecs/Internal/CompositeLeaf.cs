namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>One thing to write: a value at a resource (instance) path, a bare path, or an empty container.</summary>
internal readonly record struct CompositeLeaf(Lwm2mPath Path, CompositeLeafKind Kind, Lwm2mValue Value, DateTimeOffset? Time);
