namespace FastLwm2m.Platform.Profiles;

/// <summary>The bootstrap part of a profile's transport configuration. Kept minimal: the bootstrap server piece extends it.</summary>
public sealed record BootstrapSettings
{
    /// <summary>Whether the bootstrap server also rewrites the bootstrap server account (the guide's "Include Bootstrap Server updates").</summary>
    public bool UpdateBootstrapServer { get; init; }

    /// <summary>The server accounts to write; empty for none.</summary>
    public IReadOnlyList<BootstrapServerSettings> Servers { get; init; } = [];
}
