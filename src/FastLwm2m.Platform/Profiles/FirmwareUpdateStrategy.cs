namespace FastLwm2m.Platform.Profiles;

/// <summary>How a firmware package reaches the device (the guide's "Firmware update strategy").</summary>
public enum FirmwareUpdateStrategy
{
    /// <summary>Push the package as a binary file to Object 5 Resource 0 (Package), block-wise (the default).</summary>
    Object5Package = 1,

    /// <summary>Generate a unique CoAP URL and write it to Object 5 Resource 1 (Package URI); the device downloads it.</summary>
    Object5PackageUri = 2,

    /// <summary>Push the package as a binary file to Object 19 Resource 0 (Data).</summary>
    Object19Data = 3,
}
