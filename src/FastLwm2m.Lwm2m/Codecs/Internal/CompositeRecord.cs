namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// One resolved entry of a composite payload: a SenML record after base name and base time
/// resolution (RFC 8428 §4.6), an LwM2M JSON entry, or an LwM2M CBOR leaf with its full path.
/// </summary>
internal readonly record struct CompositeRecord(Lwm2mPath Path, CompositeValue Value, DateTimeOffset? Timestamp);
