namespace FastLwm2m.Platform;

/// <summary>The outcome kind of <see cref="DeviceService.CreateAsync"/>.</summary>
public enum DeviceCreateStatus
{
    /// <summary>The device was stored.</summary>
    Created,

    /// <summary>A field is missing or malformed; the error names it.</summary>
    Invalid,

    /// <summary>The endpoint name or PSK identity is already another device's.</summary>
    Conflict,
}
