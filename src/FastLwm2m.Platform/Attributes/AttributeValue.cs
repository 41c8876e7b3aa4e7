using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Attributes;

/// <summary>The latest value of one attribute key of a device, with the time it was reported.</summary>
public readonly record struct AttributeValue(string Key, Lwm2mValue Value, long TimestampMilliseconds);
