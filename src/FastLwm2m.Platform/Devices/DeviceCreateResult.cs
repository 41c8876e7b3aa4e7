namespace FastLwm2m.Platform;

/// <summary>The outcome of <see cref="DeviceService.CreateAsync"/>: the new device, or why nothing was stored.</summary>
public sealed class DeviceCreateResult
{
    private DeviceCreateResult(DeviceCreateStatus status, DeviceInfo? device, string? error)
    {
        Status = status;
        Device = device;
        Error = error;
    }

    /// <summary>Created, invalid or conflict.</summary>
    public DeviceCreateStatus Status { get; }

    /// <summary>Whether the device was stored.</summary>
    public bool Succeeded => Status == DeviceCreateStatus.Created;

    /// <summary>The new device (without secrets); null unless created.</summary>
    public DeviceInfo? Device { get; }

    /// <summary>Why nothing was stored, naming the field, e.g. <c>credentials.key: a PSK key is 32, 64 or 128 hex characters, got 31</c>; null on success.</summary>
    public string? Error { get; }

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Created {Device!.Id}" : $"{Status}: {Error}";

    internal static DeviceCreateResult Created(DeviceInfo device) => new(DeviceCreateStatus.Created, device, null);

    internal static DeviceCreateResult Invalid(string error) => new(DeviceCreateStatus.Invalid, null, error);

    internal static DeviceCreateResult Conflict(string error) => new(DeviceCreateStatus.Conflict, null, error);
}
