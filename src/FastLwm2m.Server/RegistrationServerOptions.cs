using FastLwm2m.Lwm2m;

namespace FastLwm2m.Server;

/// <summary>The "FastLwm2m:Registration" configuration section.</summary>
public sealed class RegistrationServerOptions
{
    /// <summary>Lifetime when a client gives none, seconds. Default 86400.</summary>
    public uint DefaultLifetimeSeconds { get; set; } = 86_400;

    /// <summary>Smallest lifetime accepted, seconds. Default 1.</summary>
    public uint MinLifetimeSeconds { get; set; } = 1;

    /// <summary>Grace after the lifetime before expiry, seconds. Default 0.</summary>
    public int LifetimeGraceSeconds { get; set; }

    /// <summary>How long a queue-mode client stays reachable after it was heard, seconds. Default 93.</summary>
    public int QueueModeAwakeTimeSeconds { get; set; } = 93;

    /// <summary>Requests waiting for one sleeping client. Default 64.</summary>
    public int MaxQueuedRequestsPerClient { get; set; } = 64;

    /// <summary>Builds validated options; throws naming the configuration key of a bad value.</summary>
    public RegistrationOptions ToRegistrationOptions()
    {
        if (LifetimeGraceSeconds < 0)
        {
            throw new OptionsException("FastLwm2m:Registration:LifetimeGraceSeconds", $"must not be negative, got {LifetimeGraceSeconds}");
        }

        if (QueueModeAwakeTimeSeconds <= 0)
        {
            throw new OptionsException("FastLwm2m:Registration:QueueModeAwakeTimeSeconds", $"must be positive, got {QueueModeAwakeTimeSeconds}");
        }

        var options = new RegistrationOptions
        {
            DefaultLifetimeSeconds = DefaultLifetimeSeconds,
            MinLifetimeSeconds = MinLifetimeSeconds,
            LifetimeGrace = TimeSpan.FromSeconds(LifetimeGraceSeconds),
            QueueModeAwakeTime = TimeSpan.FromSeconds(QueueModeAwakeTimeSeconds),
            MaxQueuedRequestsPerClient = MaxQueuedRequestsPerClient,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new OptionsException($"FastLwm2m:Registration:{e.ParamName}", e.Message);
        }

        return options;
    }
}
