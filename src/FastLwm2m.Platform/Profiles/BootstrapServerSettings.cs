namespace FastLwm2m.Platform.Profiles;

/// <summary>One server account the bootstrap server writes to a device (Objects 0 and 1).</summary>
public sealed record BootstrapServerSettings
{
    /// <summary>Short Server ID (1-65534).</summary>
    public required int ShortServerId { get; init; }

    /// <summary>The server URI, e.g. "coaps://lwm2m.example.com:5686".</summary>
    public required string Uri { get; init; }

    /// <summary>Whether this is a bootstrap server account (Object 0 Resource 1).</summary>
    public bool IsBootstrapServer { get; init; }

    /// <summary>Registration lifetime, seconds (Object 1 Resource 1).</summary>
    public uint LifetimeSeconds { get; init; } = 300;

    /// <summary>Default minimum period, seconds (Object 1 Resource 2).</summary>
    public uint DefaultMinPeriodSeconds { get; init; } = 1;

    /// <summary>Binding (Object 1 Resource 7), e.g. "U".</summary>
    public string Binding { get; init; } = "U";
}
