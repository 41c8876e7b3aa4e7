namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// An instance of the Software Management object (object 9) and its state machine (object 9
/// description): a Write of Package (2) or Package URI (3) delivers the package (Update State (7)
/// DELIVERED, Update Result (9) = 3), Install (4) installs it (INSTALLED, result 2), Activate (10)
/// and Deactivate (11) set Activation State (12), Uninstall (6) goes back to INITIAL.
/// </summary>
public class SoftwareManagementEnabler : InstanceEnabler
{
    /// <summary>Package (2).</summary>
    public const int PackageId = 2;
    /// <summary>Package URI (3).</summary>
    public const int PackageUriId = 3;
    /// <summary>Install (4).</summary>
    public const int InstallId = 4;
    /// <summary>Uninstall (6).</summary>
    public const int UninstallId = 6;
    /// <summary>Update State (7).</summary>
    public const int UpdateStateId = 7;
    /// <summary>Update Result (9).</summary>
    public const int UpdateResultId = 9;
    /// <summary>Activate (10).</summary>
    public const int ActivateId = 10;
    /// <summary>Deactivate (11).</summary>
    public const int DeactivateId = 11;
    /// <summary>Activation State (12).</summary>
    public const int ActivationStateId = 12;

    /// <summary>Update State: INITIAL.</summary>
    public const int StateInitial = 0;
    /// <summary>Update State: DOWNLOAD STARTED.</summary>
    public const int StateDownloadStarted = 1;
    /// <summary>Update State: DELIVERED.</summary>
    public const int StateDelivered = 3;
    /// <summary>Update State: INSTALLED.</summary>
    public const int StateInstalled = 4;

    /// <summary>Update Result: software successfully installed.</summary>
    public const int ResultInstalled = 2;
    /// <summary>Update Result: successfully downloaded and package integrity verified.</summary>
    public const int ResultDelivered = 3;

    /// <summary>Creates an instance in state INITIAL.</summary>
    public SoftwareManagementEnabler(ObjectModel model, int id, string packageName = "app", string packageVersion = "1.0.0") : base(model, id)
    {
        TryInitialize(0, Lwm2mValue.FromString(packageName));
        TryInitialize(1, Lwm2mValue.FromString(packageVersion));
        TryInitialize(UpdateStateId, Lwm2mValue.FromInteger(StateInitial));
        TryInitialize(UpdateResultId, Lwm2mValue.FromInteger(0));
        TryInitialize(ActivationStateId, Lwm2mValue.FromBoolean(false));
    }

    /// <summary>The Update State resource (7).</summary>
    public int UpdateState
    {
        get
        {
            lock (Sync)
            {
                return (int)(StoredValue(UpdateStateId)?.AsInteger() ?? StateInitial);
            }
        }
    }

    /// <inheritdoc />
    protected internal override OperationResult Write(Lwm2mResource resource, bool replace)
    {
        if (resource.Id is PackageId or PackageUriId && resource is Lwm2mSingleResource single)
        {
            if (CurrentState is not (StateInitial or StateDelivered))
            {
                return OperationResult.BadRequest($"a package cannot be delivered in Update State {CurrentState}");
            }

            Store(resource);
            bool empty = single.Value.Type == ResourceType.Opaque ? single.Value.AsOpaque().Length == 0 : single.Value.AsString().Length == 0;
            if (empty)
            {
                SetState(StateInitial, 0);
            }
            else
            {
                SetState(StateDownloadStarted, 1);
                SetState(StateDelivered, ResultDelivered);
            }

            return OperationResult.Changed;
        }

        return base.Write(resource, replace);
    }

    /// <inheritdoc />
    protected internal override OperationResult Execute(int resourceId, ExecuteArguments arguments)
    {
        switch (resourceId)
        {
            case InstallId:
                if (CurrentState != StateDelivered)
                {
                    return OperationResult.BadRequest($"Install needs a delivered package (Update State is {CurrentState})");
                }

                SetState(StateInstalled, ResultInstalled);
                break;
            case UninstallId:
                if (CurrentState == StateInitial)
                {
                    return OperationResult.BadRequest("nothing to uninstall");
                }

                Store(ActivationStateId, Lwm2mValue.FromBoolean(false));
                SetState(StateInitial, 0);
                break;
            case ActivateId or DeactivateId:
                if (CurrentState != StateInstalled)
                {
                    return OperationResult.BadRequest($"the software is not installed (Update State is {CurrentState})");
                }

                Store(ActivationStateId, Lwm2mValue.FromBoolean(resourceId == ActivateId));
                break;
        }

        return base.Execute(resourceId, arguments);
    }

    private int CurrentState => (int)(StoredValue(UpdateStateId)?.AsInteger() ?? StateInitial);

    private void SetState(int state, int result)
    {
        Store(UpdateStateId, Lwm2mValue.FromInteger(state));
        Store(UpdateResultId, Lwm2mValue.FromInteger(result));
    }
}
