namespace FastLwm2m.Platform.Profiles;

/// <summary>How a software package reaches the device (the guide's "Software update strategy").</summary>
public enum SoftwareUpdateStrategy
{
    /// <summary>Push the package as a binary file to Object 9 Resource 2 (Package) (the default).</summary>
    Object9Package = 1,

    /// <summary>Generate a unique CoAP URL and write it to Object 9 Resource 3 (Package URI); the device downloads it.</summary>
    Object9PackageUri = 2,
}
