namespace FastLwm2m.Platform.Profiles;

/// <summary>The OTA part of a profile's "Other settings": update strategies and Object 19 metadata.</summary>
public sealed record OtaSettings
{
    /// <summary>How firmware packages are delivered.</summary>
    public FirmwareUpdateStrategy FirmwareStrategy { get; init; } = FirmwareUpdateStrategy.Object5Package;

    /// <summary>How software packages are delivered.</summary>
    public SoftwareUpdateStrategy SoftwareStrategy { get; init; } = SoftwareUpdateStrategy.Object9Package;

    /// <summary>
    /// "Use Object 19 for OTA file metadata (checksum, size, version, name)": when the device supports
    /// Object 19, the metadata goes to instance 65534 (firmware) or 65535 (software) as Base64 JSON.
    /// </summary>
    public bool UseObject19ForOtaMetadata { get; init; }
}
