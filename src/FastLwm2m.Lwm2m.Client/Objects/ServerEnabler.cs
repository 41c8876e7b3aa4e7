namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// The Server object's instance for the client's server (object 1): Short Server ID, Lifetime,
/// Binding and the default notification periods. A Write of Lifetime (1) or Binding (7), and an
/// Execute of Registration Update Trigger (8), make the client send an Update (Core §6.2.2, E.3).
/// Default Minimum/Maximum Period (2, 3) apply to observations without pmin/pmax (Core §5.1.2).
/// </summary>
public class ServerEnabler : InstanceEnabler
{
    /// <summary>Short Server ID (0).</summary>
    public const int ShortServerIdId = 0;
    /// <summary>Lifetime (1).</summary>
    public const int LifetimeId = 1;
    /// <summary>Default Minimum Period (2).</summary>
    public const int DefaultMinimumPeriodId = 2;
    /// <summary>Default Maximum Period (3).</summary>
    public const int DefaultMaximumPeriodId = 3;
    /// <summary>Binding (7).</summary>
    public const int BindingId = 7;
    /// <summary>Registration Update Trigger (8).</summary>
    public const int RegistrationUpdateTriggerId = 8;

    /// <summary>Creates the instance.</summary>
    public ServerEnabler(ObjectModel model, int id, int shortServerId, uint lifetimeSeconds, string binding) : base(model, id)
    {
        TryInitialize(ShortServerIdId, Lwm2mValue.FromInteger(shortServerId));
        TryInitialize(LifetimeId, Lwm2mValue.FromInteger(lifetimeSeconds));
        TryInitialize(6, Lwm2mValue.FromBoolean(true));
        TryInitialize(BindingId, Lwm2mValue.FromString(binding));
    }

    /// <inheritdoc />
    protected internal override OperationResult Write(Lwm2mResource resource, bool replace)
    {
        if (resource.Id == LifetimeId && resource is Lwm2mSingleResource { Value: var lifetime } && lifetime.AsInteger() <= 0)
        {
            return OperationResult.BadRequest("the lifetime must be positive");
        }

        var result = base.Write(resource, replace);
        if (result.IsSuccess && resource.Id is LifetimeId or BindingId)
        {
            RequestRegistrationUpdate();
        }

        return result;
    }

    /// <inheritdoc />
    protected internal override OperationResult Execute(int resourceId, ExecuteArguments arguments)
    {
        if (resourceId == RegistrationUpdateTriggerId)
        {
            RequestRegistrationUpdate();
        }

        return base.Execute(resourceId, arguments);
    }
}
