namespace FastLwm2m.Server;

/// <summary>The "FastLwm2m:Storage" configuration section.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// The SQLite file (created on first start, WAL). Default "fastlwm2m.db" in the working
    /// directory; relative paths are relative to it.
    /// </summary>
    public string Path { get; set; } = "fastlwm2m.db";
}
