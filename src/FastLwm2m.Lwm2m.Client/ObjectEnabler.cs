namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// One object of the client (Leshan's <c>ObjectEnabler</c>): its model, its instances, and the
/// rules for Create and Delete by the server. The application adds and removes instances with
/// <see cref="AddInstance"/> and <see cref="RemoveInstance"/>; the client then tells the server
/// with a registration Update (Core §6.2.2) and notifies observers of the object.
/// </summary>
/// <remarks>Thread-safe: one lock per client guards every object, instance and value.</remarks>
public class ObjectEnabler
{
    private readonly SortedDictionary<int, InstanceEnabler> _instances = new();
    private readonly Func<ObjectModel, int, InstanceEnabler>? _instanceFactory;
    private Lwm2mClient? _client;

    /// <summary>Creates an object.</summary>
    /// <param name="model">Its model (the version the client registers).</param>
    /// <param name="instances">Instances it starts with.</param>
    /// <param name="instanceFactory">
    /// Makes the instance for a server's Create (model, new id); null: a plain <see cref="InstanceEnabler"/>
    /// holding what the server sent.
    /// </param>
    public ObjectEnabler(ObjectModel model, IEnumerable<InstanceEnabler>? instances = null, Func<ObjectModel, int, InstanceEnabler>? instanceFactory = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _instanceFactory = instanceFactory;
        foreach (var instance in instances ?? [])
        {
            Attach(instance);
        }
    }

    /// <summary>The model.</summary>
    public ObjectModel Model { get; }

    /// <summary>The object id.</summary>
    public int Id => Model.Id;

    /// <summary>The client this object belongs to (null until given to one).</summary>
    public Lwm2mClient? Client
    {
        get => _client;
        internal set
        {
            _client = value;
            Sync = value?.Sync ?? new Lock();
        }
    }

    internal Lock Sync { get; private set; } = new();

    /// <summary>The instance ids, ascending.</summary>
    public IReadOnlyList<int> InstanceIds
    {
        get
        {
            lock (Sync)
            {
                return _instances.Keys.ToArray();
            }
        }
    }

    /// <summary>The instance with <paramref name="instanceId"/>, or null.</summary>
    public InstanceEnabler? GetInstance(int instanceId)
    {
        lock (Sync)
        {
            return _instances.GetValueOrDefault(instanceId);
        }
    }

    /// <summary>The instance with <paramref name="instanceId"/> as <typeparamref name="T"/>, or null.</summary>
    public T? GetInstance<T>(int instanceId) where T : InstanceEnabler => GetInstance(instanceId) as T;

    /// <summary>Adds an instance (a local change: the client sends an Update, observers of the object are notified).</summary>
    /// <exception cref="ArgumentException">Another model, an id in use, or a second instance of a single-instance object.</exception>
    public void AddInstance(InstanceEnabler instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (Sync)
        {
            Attach(instance);
        }

        _client?.FlushChanges();
    }

    /// <summary>Removes an instance (a local change); false if there is none with that id.</summary>
    public bool RemoveInstance(int instanceId)
    {
        bool removed;
        lock (Sync)
        {
            removed = Detach(instanceId);
        }

        _client?.FlushChanges();
        return removed;
    }

    /// <summary>
    /// Makes the instance a server's Create asks for (the caller then writes the resources the
    /// request carried into it, whatever their Write permission, as Create may set any).
    /// </summary>
    protected internal virtual InstanceEnabler CreateInstance(int instanceId) =>
        _instanceFactory?.Invoke(Model, instanceId) ?? new InstanceEnabler(Model, instanceId, initializeMandatory: false);

    /// <summary>
    /// Whether the server may delete instance <paramref name="instanceId"/>. Default: the Device
    /// object's instance (Core §6.3.7: it cannot be deleted) and the Server object's instances
    /// (the client's only account) are refused with 4.05; Security is refused with 4.01 earlier.
    /// </summary>
    protected internal virtual OperationResult AuthorizeDelete(int instanceId) => Id switch
    {
        3 => OperationResult.MethodNotAllowed("the Device object instance cannot be deleted"),
        1 => OperationResult.MethodNotAllowed("the Server object instance of this server cannot be deleted"),
        _ => OperationResult.Deleted,
    };

    /// <summary>Whether the server may create an instance here. Default: yes, except in the Device object.</summary>
    protected internal virtual OperationResult AuthorizeCreate() => Id == 3
        ? OperationResult.MethodNotAllowed("the Device object has exactly one instance")
        : OperationResult.Created;

    /// <summary>The instances (call with the lock held).</summary>
    internal SortedDictionary<int, InstanceEnabler> Instances => _instances;

    /// <summary>Adds an instance with the lock held.</summary>
    internal void Attach(InstanceEnabler instance)
    {
        if (instance.Model.Id != Model.Id)
        {
            throw new ArgumentException($"Instance of object {instance.Model.Id} added to object {Model.Id}.", nameof(instance));
        }

        if (instance.Object is not null && instance.Object != this)
        {
            throw new ArgumentException($"Instance {instance.Path} already belongs to another object enabler.", nameof(instance));
        }

        if (!Model.MultipleInstances && _instances.Count > 0)
        {
            throw new ArgumentException($"Object {Model.Id} ({Model.Name}) is single-instance and already has instance {_instances.Keys.First()}.", nameof(instance));
        }

        if (!_instances.TryAdd(instance.Id, instance))
        {
            throw new ArgumentException($"Instance {instance.Path} already exists.", nameof(instance));
        }

        instance.Object = this;
        _client?.RecordInstancesChanged(instance.Path);
    }

    /// <summary>Removes an instance with the lock held.</summary>
    internal bool Detach(int instanceId)
    {
        if (!_instances.Remove(instanceId, out var instance))
        {
            return false;
        }

        instance.OnDeleted();
        instance.Object = null;
        _client?.RecordInstancesChanged(instance.Path);
        return true;
    }
}
