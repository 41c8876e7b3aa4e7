namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// One object instance of the client, holding its resources in memory and driven by the object's
/// model (Leshan's <c>SimpleInstanceEnabler</c> in spirit). The server's operations reach it
/// through the protected <c>Read</c>, <c>Write</c>, <c>Execute</c>... hooks, which subclasses
/// override for behaviour (Device reboot, Firmware Update state machine); the application changes
/// values with <see cref="SetValue(int, Lwm2mValue)"/> and friends, which notify observers.
/// </summary>
/// <remarks>
/// Thread safety: every member may be called from any thread. The hooks run with the client's
/// lock held (one lock per client), on the CoAP receive loop: they must not block or wait for the
/// network. Permission checks of the model (readable, writable, executable) and the Security
/// object's protection are done before a hook is called.
/// </remarks>
public class InstanceEnabler
{
    private readonly SortedDictionary<int, Lwm2mResource> _resources = new();
    private readonly Lock _detachedLock = new();

    /// <summary>Creates an instance.</summary>
    /// <param name="model">The object's model.</param>
    /// <param name="id">The instance id (0-65534).</param>
    /// <param name="initializeMandatory">
    /// Give each mandatory readable or writable resource a default value of its type (0, "", false,
    /// empty bytes; a multiple resource gets instance 0), so that a Read finds what the model promises.
    /// </param>
    public InstanceEnabler(ObjectModel model, int id, bool initializeMandatory = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(id, 65534);
        Model = model;
        Id = id;
        if (initializeMandatory)
        {
            foreach (var resource in model.Resources.Values)
            {
                if (resource.Mandatory && resource.Type != ResourceType.None
                    && (resource.Operations & (ResourceOperations.Read | ResourceOperations.Write)) != 0)
                {
                    var value = DefaultValue(resource.Type);
                    _resources[resource.Id] = resource.Multiple
                        ? new Lwm2mMultipleResource(resource.Id, resource.Type, [new Lwm2mResourceInstance(0, value)])
                        : new Lwm2mSingleResource(resource.Id, value);
                }
            }
        }
    }

    /// <summary>The object's model.</summary>
    public ObjectModel Model { get; }

    /// <summary>The instance id.</summary>
    public int Id { get; }

    /// <summary>The path of this instance, e.g. /3/0.</summary>
    public Lwm2mPath Path => Lwm2mPath.Instance(Model.Id, Id);

    /// <summary>The object this instance belongs to (null until added to one).</summary>
    public ObjectEnabler? Object { get; internal set; }

    /// <summary>The client's clock, or the system clock before the instance is attached.</summary>
    protected TimeProvider Time => Object?.Client?.TimeProvider ?? TimeProvider.System;

    internal Lock Sync => Object?.Sync ?? _detachedLock;

    /// <summary>
    /// Raised when the server executes a resource of this instance (after the hook accepted it),
    /// with the resource id and the arguments. Runs on the receive loop with the client's lock
    /// held: hand the work off (e.g. complete a task), never block.
    /// </summary>
    public event Action<InstanceEnabler, int, ExecuteArguments>? Executed;

    /// <summary>Ids of the resources holding a value, ascending.</summary>
    public IReadOnlyList<int> ResourceIds
    {
        get
        {
            lock (Sync)
            {
                return _resources.Keys.ToArray();
            }
        }
    }

    /// <summary>The resource as stored (not through <see cref="Read"/>), or null.</summary>
    public Lwm2mResource? GetResource(int resourceId)
    {
        lock (Sync)
        {
            return _resources.TryGetValue(resourceId, out var resource) ? resource : null;
        }
    }

    /// <summary>The value of a single resource, or null.</summary>
    public Lwm2mValue? GetValue(int resourceId) => GetResource(resourceId) is Lwm2mSingleResource single ? single.Value : null;

    /// <summary>
    /// Sets a single resource (a local change: observers are notified). An Opaque value keeps its
    /// array: pass a new array for a new value, as a value equal to the stored one is no change.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no such single resource, or the type differs.</exception>
    public void SetValue(int resourceId, Lwm2mValue value)
    {
        var model = RequireModel(resourceId, multiple: false, value.Type);
        lock (Sync)
        {
            Store(new Lwm2mSingleResource(model.Id, value));
        }

        Flush();
    }

    /// <summary>Sets one instance of a multiple resource, keeping the others (a local change).</summary>
    /// <exception cref="ArgumentException">The model has no such multiple resource, or the type differs.</exception>
    public void SetValue(int resourceId, int resourceInstanceId, Lwm2mValue value)
    {
        var model = RequireModel(resourceId, multiple: true, value.Type);
        lock (Sync)
        {
            Store(MergeInstance(model, _resources.GetValueOrDefault(resourceId), new Lwm2mResourceInstance(resourceInstanceId, value)));
        }

        Flush();
    }

    /// <summary>Sets a multiple resource to <paramref name="values"/> as instances 0..n-1 (a local change).</summary>
    /// <exception cref="ArgumentException">The model has no such multiple resource, or a type differs.</exception>
    public void SetValues(int resourceId, params IReadOnlyList<Lwm2mValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = RequireModel(resourceId, multiple: true, values.Count > 0 ? values[0].Type : null);
        var instances = values.Select((v, i) => new Lwm2mResourceInstance(i, v)).ToArray();
        var resource = new Lwm2mMultipleResource(resourceId, model.Type, instances);
        lock (Sync)
        {
            Store(resource);
        }

        Flush();
    }

    /// <summary>Stores a resource node as it is (a local change).</summary>
    /// <exception cref="ArgumentException">The model has no such resource, or the shape or type differs.</exception>
    public void SetResource(Lwm2mResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (CheckResource(resource) is { } error)
        {
            throw new ArgumentException(error, nameof(resource));
        }

        lock (Sync)
        {
            Store(resource);
        }

        Flush();
    }

    /// <summary>Removes a resource's value (a local change); false if it had none.</summary>
    public bool RemoveResource(int resourceId)
    {
        bool removed;
        lock (Sync)
        {
            removed = Unstore(resourceId);
        }

        Flush();
        return removed;
    }

    /// <summary>
    /// Tells observers that a resource changed although its stored value did not (e.g. a value
    /// computed on each Read, such as the Device's current time).
    /// </summary>
    public void FireResourceChanged(int resourceId)
    {
        lock (Sync)
        {
            RecordChange(resourceId);
        }

        Flush();
    }

    // ---- For subclasses: called with the lock held ----

    /// <summary>The stored resource, or null (call with the lock held, i.e. from a hook).</summary>
    protected Lwm2mResource? Stored(int resourceId) => _resources.TryGetValue(resourceId, out var resource) ? resource : null;

    /// <summary>The stored value of a single resource, or null (from a hook).</summary>
    protected Lwm2mValue? StoredValue(int resourceId) => Stored(resourceId) is Lwm2mSingleResource single ? single.Value : null;

    /// <summary>Stores a resource and records the change for observers (from a hook).</summary>
    protected void Store(Lwm2mResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.TryGetValue(resource.Id, out var old) && old.Equals(resource))
        {
            return;
        }

        _resources[resource.Id] = resource;
        RecordChange(resource.Id);
    }

    /// <summary>Stores a single value and records the change (from a hook).</summary>
    protected void Store(int resourceId, Lwm2mValue value) => Store(new Lwm2mSingleResource(resourceId, value));

    /// <summary>
    /// Stores <paramref name="values"/> if the model has the resource with that type (a single
    /// resource takes the first value, a multiple one gets instances 0..n-1); false otherwise. For
    /// constructors that fill the resources of whichever model version they are given.
    /// </summary>
    protected bool TryInitialize(int resourceId, params Lwm2mValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0 || Model.GetResource(resourceId) is not { } model || model.Type != values[0].Type)
        {
            return false;
        }

        Store(model.Multiple
            ? new Lwm2mMultipleResource(resourceId, model.Type, values.Select((v, i) => new Lwm2mResourceInstance(i, v)))
            : new Lwm2mSingleResource(resourceId, values[0]));
        return true;
    }

    /// <summary>Removes a stored resource and records the change (from a hook).</summary>
    protected bool Unstore(int resourceId)
    {
        if (!_resources.Remove(resourceId))
        {
            return false;
        }

        RecordChange(resourceId);
        return true;
    }

    /// <summary>Asks the client to send a registration Update soon (from a hook or anywhere).</summary>
    protected void RequestRegistrationUpdate() => Object?.Client?.RequestUpdate();

    // ---- Server operations (lock held; permissions already checked) ----

    /// <summary>
    /// Read of one resource by the server. Default: the stored value, or 4.04 when none.
    /// Override for values computed on demand.
    /// </summary>
    protected internal virtual OperationResult Read(int resourceId, out Lwm2mResource? resource)
    {
        resource = Stored(resourceId);
        return resource is null ? OperationResult.NotFound($"{Path}/{resourceId} has no value") : OperationResult.Content;
    }

    /// <summary>
    /// Write of one resource by the server: <paramref name="replace"/> replaces a multiple resource's
    /// instances, otherwise (partial update) they are added or updated. Default: store it.
    /// </summary>
    protected internal virtual OperationResult Write(Lwm2mResource resource, bool replace)
    {
        if (!replace && resource is Lwm2mMultipleResource multiple && Stored(resource.Id) is Lwm2mMultipleResource existing)
        {
            var merged = new SortedDictionary<int, Lwm2mResourceInstance>(existing.Instances.ToDictionary());
            foreach (var (id, instance) in multiple.Instances)
            {
                merged[id] = instance;
            }

            Store(new Lwm2mMultipleResource(resource.Id, resource.Type, merged.Values));
            return OperationResult.Changed;
        }

        Store(resource);
        return OperationResult.Changed;
    }

    /// <summary>Write of one instance of a multiple resource (added or replaced). Default: store it.</summary>
    protected internal virtual OperationResult WriteResourceInstance(int resourceId, Lwm2mResourceInstance instance)
    {
        var model = Model.GetResource(resourceId)!;
        Store(MergeInstance(model, Stored(resourceId), instance));
        return OperationResult.Changed;
    }

    /// <summary>
    /// Removal of one instance of a multiple resource (a Write-Composite path without value).
    /// Default: remove it, 4.04 if absent.
    /// </summary>
    protected internal virtual OperationResult DeleteResourceInstance(int resourceId, int resourceInstanceId)
    {
        if (Stored(resourceId) is not Lwm2mMultipleResource existing || !existing.Instances.ContainsKey(resourceInstanceId))
        {
            return OperationResult.NotFound($"{Path}/{resourceId}/{resourceInstanceId} does not exist");
        }

        Store(new Lwm2mMultipleResource(resourceId, existing.Type, existing.Instances.Values.Where(i => i.Id != resourceInstanceId)));
        return OperationResult.Deleted;
    }

    /// <summary>
    /// A Write-Replace of the whole instance dropped a resource the server did not send. Default:
    /// remove it when optional; a mandatory one was checked present before.
    /// </summary>
    protected internal virtual void ResetForReplace(int resourceId) => Unstore(resourceId);

    /// <summary>Execute of a resource. Default: 2.04 (then <see cref="Executed"/> is raised).</summary>
    protected internal virtual OperationResult Execute(int resourceId, ExecuteArguments arguments) => OperationResult.Changed;

    /// <summary>The instance was deleted by the server or removed locally.</summary>
    protected internal virtual void OnDeleted()
    {
    }

    /// <summary>
    /// The resources this instance offers (Discover, Read of the instance): those holding a value
    /// and the executable ones of the model, ascending.
    /// </summary>
    protected internal virtual IReadOnlyList<int> GetAvailableResourceIds()
    {
        var ids = new SortedSet<int>(_resources.Keys);
        foreach (var resource in Model.Resources.Values)
        {
            if ((resource.Operations & ResourceOperations.Execute) != 0)
            {
                ids.Add(resource.Id);
            }
        }

        return ids.ToArray();
    }

    internal void RaiseExecuted(int resourceId, ExecuteArguments arguments) => Executed?.Invoke(this, resourceId, arguments);

    /// <summary>Whether <paramref name="resource"/> fits the model (id, single/multiple, type); null when it does.</summary>
    internal string? CheckResource(Lwm2mResource resource)
    {
        var model = Model.GetResource(resource.Id);
        if (model is null)
        {
            return $"object {Model.Id} has no resource {resource.Id}";
        }

        if (model.Multiple != resource.IsMultiple)
        {
            return $"{Path}/{resource.Id} is a {(model.Multiple ? "multiple" : "single")} resource";
        }

        if (model.Type != ResourceType.None && resource.Type != model.Type)
        {
            return $"{Path}/{resource.Id} ({model.Name}) is {model.Type}, not {resource.Type}";
        }

        return null;
    }

    internal static Lwm2mValue DefaultValue(ResourceType type) => type switch
    {
        ResourceType.String => Lwm2mValue.FromString(""),
        ResourceType.Integer => Lwm2mValue.FromInteger(0),
        ResourceType.UnsignedInteger => Lwm2mValue.FromUnsignedInteger(0),
        ResourceType.Float => Lwm2mValue.FromFloat(0),
        ResourceType.Boolean => Lwm2mValue.FromBoolean(false),
        ResourceType.Opaque => Lwm2mValue.FromOpaque([]),
        ResourceType.Time => Lwm2mValue.FromUnixTime(0),
        ResourceType.Objlnk => Lwm2mValue.FromObjectLink(ObjectLink.Null),
        ResourceType.Corelnk => Lwm2mValue.FromCoreLink(""),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no value of this type"),
    };

    private static Lwm2mMultipleResource MergeInstance(ResourceModel model, Lwm2mResource? existing, Lwm2mResourceInstance instance)
    {
        var merged = new SortedDictionary<int, Lwm2mResourceInstance>();
        if (existing is Lwm2mMultipleResource multiple)
        {
            foreach (var (id, old) in multiple.Instances)
            {
                merged[id] = old;
            }
        }

        merged[instance.Id] = instance;
        return new Lwm2mMultipleResource(model.Id, model.Type == ResourceType.None ? instance.Value.Type : model.Type, merged.Values);
    }

    private ResourceModel RequireModel(int resourceId, bool multiple, ResourceType? type)
    {
        var model = Model.GetResource(resourceId)
            ?? throw new ArgumentException($"Object {Model.Id} ({Model.Name}) has no resource {resourceId}.", nameof(resourceId));
        if (model.Multiple != multiple)
        {
            throw new ArgumentException($"Resource {Model.Id}/{resourceId} ({model.Name}) is a {(model.Multiple ? "multiple" : "single")} resource.", nameof(resourceId));
        }

        if (type is { } t && model.Type != ResourceType.None && t != model.Type)
        {
            throw new ArgumentException($"Resource {Model.Id}/{resourceId} ({model.Name}) is {model.Type}, not {t}.", nameof(type));
        }

        return model;
    }

    private void RecordChange(int resourceId) => Object?.Client?.RecordChange(Lwm2mPath.Resource(Model.Id, Id, resourceId));

    private void Flush() => Object?.Client?.FlushChanges();
}
