namespace FastLwm2m.Platform.TransportLog;

/// <summary>One line of a device's transport log, with the time it was written.</summary>
public readonly record struct TransportLogEntry(long TimestampMilliseconds, string Message);
