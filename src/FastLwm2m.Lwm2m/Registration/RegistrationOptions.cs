namespace FastLwm2m.Lwm2m;

/// <summary>Options of the registration interface.</summary>
public sealed class RegistrationOptions
{
    /// <summary>Lifetime when the client gives none (LwM2M 1.1 Core §6.2.1: 86400 s).</summary>
    public uint DefaultLifetimeSeconds { get; set; } = 86_400;

    /// <summary>Smallest lifetime accepted (4.00 below). Default 1 s.</summary>
    public uint MinLifetimeSeconds { get; set; } = 1;

    /// <summary>Extra time after the lifetime before a registration expires (late Updates). Default 0.</summary>
    public TimeSpan LifetimeGrace { get; set; } = TimeSpan.Zero;

    /// <summary>How long a queue-mode client stays reachable after it was heard (Transport §6.5: MAX_TRANSMIT_WAIT, 93 s).</summary>
    public TimeSpan QueueModeAwakeTime { get; set; } = TimeSpan.FromSeconds(93);

    /// <summary>Requests waiting for one sleeping client (more are refused). Default 64.</summary>
    public int MaxQueuedRequestsPerClient { get; set; } = 64;

    /// <summary>Longest endpoint name accepted. Default 255 bytes.</summary>
    public int MaxEndpointNameBytes { get; set; } = 255;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (DefaultLifetimeSeconds < MinLifetimeSeconds)
        {
            throw new ArgumentException($"Registration option 'DefaultLifetimeSeconds' must be at least MinLifetimeSeconds ({MinLifetimeSeconds}), got {DefaultLifetimeSeconds}.", nameof(DefaultLifetimeSeconds));
        }

        if (LifetimeGrace < TimeSpan.Zero)
        {
            throw new ArgumentException($"Registration option 'LifetimeGrace' must not be negative, got {LifetimeGrace}.", nameof(LifetimeGrace));
        }

        if (QueueModeAwakeTime <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Registration option 'QueueModeAwakeTime' must be positive, got {QueueModeAwakeTime}.", nameof(QueueModeAwakeTime));
        }

        if (MaxQueuedRequestsPerClient < 0)
        {
            throw new ArgumentException($"Registration option 'MaxQueuedRequestsPerClient' must not be negative, got {MaxQueuedRequestsPerClient}.", nameof(MaxQueuedRequestsPerClient));
        }

        if (MaxEndpointNameBytes is < 1 or > 1024)
        {
            throw new ArgumentException($"Registration option 'MaxEndpointNameBytes' must be between 1 and 1024, got {MaxEndpointNameBytes}.", nameof(MaxEndpointNameBytes));
        }
    }
}
