namespace FastLwm2m.Lwm2m;

/// <summary>A decoded notification of an observation.</summary>
public sealed record Lwm2mNotification(
    Lwm2mObservation Observation,
    Lwm2mResponseCode Code,
    Lwm2mNode? Content,
    IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? CompositeContent,
    IReadOnlyList<Codecs.TimestampedNode>? TimestampedContent,
    uint? Sequence,
    string? ErrorMessage);
