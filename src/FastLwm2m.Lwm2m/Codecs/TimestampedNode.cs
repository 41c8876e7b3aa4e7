namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>A node at a path with the time it was measured (null: "now", no time given).</summary>
public sealed record TimestampedNode(DateTimeOffset? Timestamp, Lwm2mPath Path, Lwm2mNode Node);
