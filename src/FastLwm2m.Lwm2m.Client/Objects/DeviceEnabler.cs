namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// The Device object's instance (object 3, instance 0): identity, power and memory figures held in
/// memory, the current time kept by the client's clock (a Write of Current Time sets an offset),
/// Reboot (4) and Factory Reset (5) raising events, Reset Error Code (12) clearing Error Code (11).
/// </summary>
public class DeviceEnabler : InstanceEnabler
{
    /// <summary>Manufacturer (0).</summary>
    public const int ManufacturerId = 0;
    /// <summary>Firmware Version (3).</summary>
    public const int FirmwareVersionId = 3;
    /// <summary>Reboot (4).</summary>
    public const int RebootId = 4;
    /// <summary>Factory Reset (5).</summary>
    public const int FactoryResetId = 5;
    /// <summary>Battery Level (9).</summary>
    public const int BatteryLevelId = 9;
    /// <summary>Error Code (11).</summary>
    public const int ErrorCodeId = 11;
    /// <summary>Reset Error Code (12).</summary>
    public const int ResetErrorCodeId = 12;
    /// <summary>Current Time (13).</summary>
    public const int CurrentTimeId = 13;

    private long _clockOffsetSeconds;

    /// <summary>Creates the Device instance with plausible values for the resources the model has.</summary>
    /// <param name="model">The Device object's model.</param>
    /// <param name="serialNumber">Serial Number (2), e.g. the endpoint name.</param>
    /// <param name="binding">Supported Binding and Modes (16), e.g. "U" or "UQ".</param>
    public DeviceEnabler(ObjectModel model, string serialNumber = "0001", string binding = "U") : base(model, 0)
    {
        TryInitialize(0, Lwm2mValue.FromString("FastLwm2m"));
        TryInitialize(1, Lwm2mValue.FromString("Simulated Device"));
        TryInitialize(2, Lwm2mValue.FromString(serialNumber));
        TryInitialize(FirmwareVersionId, Lwm2mValue.FromString("1.0.0"));
        TryInitialize(6, Lwm2mValue.FromInteger(1), Lwm2mValue.FromInteger(5));
        TryInitialize(7, Lwm2mValue.FromInteger(3800), Lwm2mValue.FromInteger(5000));
        TryInitialize(8, Lwm2mValue.FromInteger(125), Lwm2mValue.FromInteger(900));
        TryInitialize(BatteryLevelId, Lwm2mValue.FromInteger(100));
        TryInitialize(10, Lwm2mValue.FromInteger(15));
        TryInitialize(ErrorCodeId, Lwm2mValue.FromInteger(0));
        TryInitialize(14, Lwm2mValue.FromString("+00:00"));
        TryInitialize(15, Lwm2mValue.FromString("Etc/UTC"));
        TryInitialize(16, Lwm2mValue.FromString(binding));
        TryInitialize(17, Lwm2mValue.FromString("Simulator"));
        TryInitialize(18, Lwm2mValue.FromString("1.0"));
        TryInitialize(19, Lwm2mValue.FromString("1.0.0"));
        TryInitialize(20, Lwm2mValue.FromInteger(0));
        TryInitialize(21, Lwm2mValue.FromInteger(64));
    }

    /// <summary>The server executed Reboot (4). Raised on the receive loop: hand the work off.</summary>
    public event Action<DeviceEnabler>? RebootRequested;

    /// <summary>The server executed Factory Reset (5). Raised on the receive loop: hand the work off.</summary>
    public event Action<DeviceEnabler>? FactoryResetRequested;

    /// <summary>The device's current time: the clock plus what the server's Write of Current Time set.</summary>
    public DateTimeOffset CurrentTime
    {
        get
        {
            lock (Sync)
            {
                return Time.GetUtcNow().AddSeconds(_clockOffsetSeconds);
            }
        }
    }

    /// <inheritdoc />
    protected internal override OperationResult Read(int resourceId, out Lwm2mResource? resource)
    {
        if (resourceId == CurrentTimeId && Model.GetResource(CurrentTimeId) is not null)
        {
            resource = new Lwm2mSingleResource(CurrentTimeId, Lwm2mValue.FromUnixTime(Time.GetUtcNow().ToUnixTimeSeconds() + _clockOffsetSeconds));
            return OperationResult.Content;
        }

        return base.Read(resourceId, out resource);
    }

    /// <inheritdoc />
    protected internal override OperationResult Write(Lwm2mResource resource, bool replace)
    {
        if (resource.Id == CurrentTimeId && resource is Lwm2mSingleResource time)
        {
            _clockOffsetSeconds = time.Value.AsUnixTime() - Time.GetUtcNow().ToUnixTimeSeconds();
            return OperationResult.Changed;
        }

        return base.Write(resource, replace);
    }

    /// <inheritdoc />
    protected internal override IReadOnlyList<int> GetAvailableResourceIds()
    {
        var ids = base.GetAvailableResourceIds();
        return Model.GetResource(CurrentTimeId) is null || ids.Contains(CurrentTimeId) ? ids : [.. ids.Append(CurrentTimeId).Order()];
    }

    /// <inheritdoc />
    protected internal override OperationResult Execute(int resourceId, ExecuteArguments arguments)
    {
        switch (resourceId)
        {
            case RebootId:
                RebootRequested?.Invoke(this);
                return OperationResult.Changed;
            case FactoryResetId:
                FactoryResetRequested?.Invoke(this);
                return OperationResult.Changed;
            case ResetErrorCodeId:
                Store(new Lwm2mMultipleResource(ErrorCodeId, ResourceType.Integer, [new Lwm2mResourceInstance(0, Lwm2mValue.FromInteger(0))]));
                return OperationResult.Changed;
            default:
                return base.Execute(resourceId, arguments);
        }
    }
}
