namespace FastLwm2m.Lwm2m;

/// <summary>What a Register or Update request carried, after validation.</summary>
public sealed class RegistrationParameters
{
    /// <summary>Endpoint client name (Register only).</summary>
    public string? Endpoint { get; init; }

    /// <summary>Lifetime in seconds, if given.</summary>
    public uint? LifetimeSeconds { get; init; }

    /// <summary>LwM2M version (Register only).</summary>
    public Lwm2mVersion? Version { get; init; }

    /// <summary>Binding, if given.</summary>
    public BindingMode? Binding { get; init; }

    /// <summary>Queue mode, if the request said (Q parameter or Q in a 1.0 binding).</summary>
    public bool? QueueMode { get; init; }

    /// <summary>SMS number, if given.</summary>
    public string? SmsNumber { get; init; }

    /// <summary>Root path from the <c>rt="oma.lwm2m"</c> link, if the payload had one.</summary>
    public string? RootPath { get; init; }

    /// <summary>Content formats declared by the root link's <c>ct</c>, if the payload had one.</summary>
    public ContentFormatSupport? ContentFormats { get; init; }

    /// <summary>Packed supported objects (id &lt;&lt; 16 | version), sorted; null when no payload.</summary>
    internal int[]? Objects { get; init; }

    /// <summary>Packed instances (id &lt;&lt; 16 | instance); null when no payload.</summary>
    internal uint[]? Instances { get; init; }
}
