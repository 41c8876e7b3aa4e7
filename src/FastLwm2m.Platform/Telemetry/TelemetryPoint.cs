using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Telemetry;

/// <summary>
/// One telemetry value of one device under one key, at the device's time (SenML <c>t</c>) or the
/// arrival time.
/// </summary>
public readonly record struct TelemetryPoint(string Device, string Key, long TimestampMilliseconds, Lwm2mValue Value);
