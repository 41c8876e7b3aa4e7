namespace FastLwm2m.Platform.Telemetry;

/// <summary>Options of the <see cref="TelemetryPipeline"/>.</summary>
public sealed class TelemetryPipelineOptions
{
    /// <summary>Batches waiting to be written; beyond it new data is refused (the device keeps it and retries). Default 10,000.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Points written in one transaction at most. Default 5,000.</summary>
    public int MaxPointsPerWrite { get; set; } = 5_000;
}
