namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// The Firmware Update object's instance (object 5, instance 0) and its state machine (object 5
/// description): a Write of Package (0, pushed, block-wise bodies arrive whole) or Package URI
/// (1, pulled) moves State (3) from Idle to Downloading and then Downloaded; Update (2) moves it to
/// Updating and then back to Idle with Update Result (5) = 1 (success). Writing an empty Package or
/// Package URI, or executing Cancel (10), resets to Idle. By default downloads and updates complete
/// at once; set <see cref="AutoComplete"/> to false and call <see cref="CompleteDownload"/> and
/// <see cref="CompleteUpdate"/> to drive them.
/// </summary>
public class FirmwareUpdateEnabler : InstanceEnabler
{
    /// <summary>Package (0).</summary>
    public const int PackageId = 0;
    /// <summary>Package URI (1).</summary>
    public const int PackageUriId = 1;
    /// <summary>Update (2).</summary>
    public const int UpdateId = 2;
    /// <summary>State (3).</summary>
    public const int StateId = 3;
    /// <summary>Update Result (5).</summary>
    public const int UpdateResultId = 5;
    /// <summary>Cancel (10, object version 1.1+).</summary>
    public const int CancelId = 10;

    /// <summary>State: Idle.</summary>
    public const int StateIdle = 0;
    /// <summary>State: Downloading.</summary>
    public const int StateDownloading = 1;
    /// <summary>State: Downloaded.</summary>
    public const int StateDownloaded = 2;
    /// <summary>State: Updating.</summary>
    public const int StateUpdating = 3;

    /// <summary>Update Result: initial value.</summary>
    public const int ResultInitial = 0;
    /// <summary>Update Result: firmware updated successfully.</summary>
    public const int ResultSuccess = 1;
    /// <summary>Update Result: integrity check failure.</summary>
    public const int ResultIntegrityCheckFailure = 5;
    /// <summary>Update Result: invalid URI.</summary>
    public const int ResultInvalidUri = 7;
    /// <summary>Update Result: firmware update failed.</summary>
    public const int ResultUpdateFailed = 8;
    /// <summary>Update Result: download cancelled (object version 1.1+).</summary>
    public const int ResultCancelled = 10;

    /// <summary>Creates the instance in state Idle.</summary>
    public FirmwareUpdateEnabler(ObjectModel model) : base(model, 0)
    {
        TryInitialize(PackageUriId, Lwm2mValue.FromString(""));
        TryInitialize(StateId, Lwm2mValue.FromInteger(StateIdle));
        TryInitialize(UpdateResultId, Lwm2mValue.FromInteger(ResultInitial));
        TryInitialize(6, Lwm2mValue.FromString(""));
        TryInitialize(7, Lwm2mValue.FromString(""));
        TryInitialize(8, Lwm2mValue.FromInteger(0), Lwm2mValue.FromInteger(1));
        TryInitialize(9, Lwm2mValue.FromInteger(2));
    }

    /// <summary>Complete downloads and updates at once (default true).</summary>
    public bool AutoComplete { get; set; } = true;

    /// <summary>A package was written (the bytes). Raised on the receive loop with the lock held.</summary>
    public event Action<FirmwareUpdateEnabler, byte[]>? PackageReceived;

    /// <summary>A Package URI was written: a download should start. Raised with the lock held.</summary>
    public event Action<FirmwareUpdateEnabler, string>? DownloadRequested;

    /// <summary>Update was executed. Raised with the lock held.</summary>
    public event Action<FirmwareUpdateEnabler>? UpdateRequested;

    /// <summary>The State resource (3).</summary>
    public int State
    {
        get
        {
            lock (Sync)
            {
                return (int)(StoredValue(StateId)?.AsInteger() ?? StateIdle);
            }
        }
    }

    /// <summary>The Update Result resource (5).</summary>
    public int UpdateResult
    {
        get
        {
            lock (Sync)
            {
                return (int)(StoredValue(UpdateResultId)?.AsInteger() ?? ResultInitial);
            }
        }
    }

    /// <summary>The last package written (empty if none).</summary>
    public byte[] Package
    {
        get
        {
            lock (Sync)
            {
                return StoredValue(PackageId)?.AsOpaque() ?? [];
            }
        }
    }

    /// <summary>Ends a download started by a Package URI: Downloaded, or Idle with <paramref name="failureResult"/>.</summary>
    public void CompleteDownload(bool success, int failureResult = ResultIntegrityCheckFailure)
    {
        lock (Sync)
        {
            if (success)
            {
                SetState(StateDownloaded, ResultInitial);
            }
            else
            {
                SetState(StateIdle, failureResult);
            }
        }

        Object?.Client?.FlushChanges();
    }

    /// <summary>Ends an update: Idle with success, or Idle (object 5: back to Downloaded is also allowed) with <paramref name="failureResult"/>.</summary>
    public void CompleteUpdate(bool success, int failureResult = ResultUpdateFailed)
    {
        lock (Sync)
        {
            SetState(StateIdle, success ? ResultSuccess : failureResult);
        }

        Object?.Client?.FlushChanges();
    }

    /// <inheritdoc />
    protected internal override OperationResult Write(Lwm2mResource resource, bool replace)
    {
        int state = (int)(StoredValue(StateId)?.AsInteger() ?? StateIdle);
        switch (resource.Id)
        {
            case PackageId when resource is Lwm2mSingleResource package:
            {
                byte[] bytes = package.Value.AsOpaque();
                if (bytes.Length == 0)
                {
                    Store(resource);
                    SetState(StateIdle, ResultInitial);
                    return OperationResult.Changed;
                }

                if (state is StateDownloading or StateUpdating)
                {
                    return OperationResult.BadRequest($"a package cannot be written in state {state}");
                }

                Store(resource);
                SetState(StateDownloading, ResultInitial);
                PackageReceived?.Invoke(this, bytes);
                SetState(StateDownloaded, ResultInitial);
                return OperationResult.Changed;
            }

            case PackageUriId when resource is Lwm2mSingleResource uriResource:
            {
                string uri = uriResource.Value.AsString();
                if (uri.Length == 0)
                {
                    Store(resource);
                    SetState(StateIdle, ResultInitial);
                    return OperationResult.Changed;
                }

                if (state is StateDownloading or StateUpdating)
                {
                    return OperationResult.BadRequest($"a package URI cannot be written in state {state}");
                }

                if (!Uri.TryCreate(uri, UriKind.Absolute, out _))
                {
                    SetState(StateIdle, ResultInvalidUri);
                    return OperationResult.BadRequest($"invalid package URI '{uri}'");
                }

                Store(resource);
                SetState(StateDownloading, ResultInitial);
                DownloadRequested?.Invoke(this, uri);
                if (AutoComplete)
                {
                    SetState(StateDownloaded, ResultInitial);
                }

                return OperationResult.Changed;
            }

            default:
                return base.Write(resource, replace);
        }
    }

    /// <inheritdoc />
    protected internal override OperationResult Execute(int resourceId, ExecuteArguments arguments)
    {
        int state = (int)(StoredValue(StateId)?.AsInteger() ?? StateIdle);
        switch (resourceId)
        {
            case UpdateId:
                if (state != StateDownloaded)
                {
                    return OperationResult.BadRequest($"Update needs a downloaded package (State is {state})");
                }

                SetState(StateUpdating, ResultInitial);
                UpdateRequested?.Invoke(this);
                if (AutoComplete)
                {
                    SetState(StateIdle, ResultSuccess);
                }

                return OperationResult.Changed;
            case CancelId:
                if (state is StateUpdating)
                {
                    return OperationResult.BadRequest("an update in progress cannot be cancelled");
                }

                SetState(StateIdle, ResultCancelled);
                return OperationResult.Changed;
            default:
                return base.Execute(resourceId, arguments);
        }
    }

    private void SetState(int state, int result)
    {
        Store(StateId, Lwm2mValue.FromInteger(state));
        Store(UpdateResultId, Lwm2mValue.FromInteger(result));
    }
}
