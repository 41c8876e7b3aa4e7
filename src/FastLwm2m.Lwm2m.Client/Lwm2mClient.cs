using System.Net;
using System.Net.Sockets;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Client.Internal;
using FastLwm2m.Lwm2m.Codecs;
using FastLwm2m.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// An LwM2M 1.0/1.1/1.2 client on the FastLwm2m CoAP stack, for simulators, load harnesses and
/// end-to-end tests: it registers (Core §6.2.1), keeps the registration alive with Updates at
/// <see cref="Lwm2mClientOptions.UpdateLifetimeFraction"/> of the lifetime and when its objects
/// change, registers again when the server has forgotten it, and de-registers on
/// <see cref="StopAsync"/>. It answers every device management and information reporting
/// operation (Read, Discover, Write, Write-Attributes, Execute, Create, Delete, the composite
/// operations, Observe with pmin/pmax/gt/lt/st/epmin/epmax, Cancel) from objects held in memory
/// (<see cref="ObjectEnabler"/>, <see cref="InstanceEnabler"/>), in TLV, SenML JSON/CBOR, LwM2M
/// CBOR/JSON, text, opaque or CBOR, and sends data (Send, Core §6.4.5). Queue mode is simulated
/// with <see cref="Sleep"/> and <see cref="WakeUpAsync"/>.
/// </summary>
/// <remarks>
/// Thread-safe. One lock guards the objects, attributes and observations; requests run on the
/// CoAP receive loop under it and never wait on the network. Observers are notified from the
/// thread pool, never from inside a request.
/// </remarks>
public sealed partial class Lwm2mClient : IAsyncDisposable
{
    private readonly Lwm2mClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SortedDictionary<int, ObjectEnabler> _objects = new();
    private readonly ClientModels _models;
    private readonly Lwm2mCodecs _codecs;
    private readonly ushort[] _contentFormats;
    private List<Lwm2mPath> _pendingChanges = new();
    private bool _instancesChanged;

    /// <summary>Creates a client; <see cref="StartAsync"/> registers it.</summary>
    /// <exception cref="ArgumentException">An invalid option (the message names it), or two objects with one id.</exception>
    public Lwm2mClient(Lwm2mClientOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = options.TimeProvider;
        var repository = options.Models ?? ObjectModelRepository.CreateWithCoreModels();
        foreach (var enabler in options.Objects ?? StandardObjects.CreateWith(options, repository))
        {
            if (enabler.Client is not null)
            {
                throw new ArgumentException($"Object {enabler.Id} already belongs to a client.", nameof(options));
            }

            if (!_objects.TryAdd(enabler.Id, enabler))
            {
                throw new ArgumentException($"Object {enabler.Id} is given twice.", nameof(options));
            }
        }

        foreach (var enabler in _objects.Values)
        {
            enabler.Client = this;
        }

        _models = new ClientModels(_objects, repository);
        _codecs = options.Codecs ?? DefaultCodecs.Create(_time);
        var formats = new List<ushort>();
        foreach (ushort format in options.ContentFormats ?? _codecs.ContentFormats.Order().ToArray())
        {
            if (_codecs.Get(format) is null)
            {
                throw new ArgumentException($"LwM2M client option 'ContentFormats' lists {format}, for which there is no codec.", nameof(options));
            }

            if (!formats.Contains(format))
            {
                formats.Add(format);
            }
        }

        _contentFormats = formats.ToArray();
        DefaultContentFormat = options.DefaultContentFormat ?? ChooseDefaultFormat();
        if (!Supports(DefaultContentFormat))
        {
            throw new ArgumentException($"LwM2M client option 'DefaultContentFormat' ({DefaultContentFormat}) is not one of the supported content formats.", nameof(options));
        }
    }

    /// <summary>
    /// A registration was created (the argument is the location, e.g. "/rd/abc"). The registration
    /// events are raised on the client's registration task: do not wait there for an Update or a Stop.
    /// </summary>
    public event Action<Lwm2mClient, string>? Registered;

    /// <summary>An Update was accepted.</summary>
    public event Action<Lwm2mClient>? Updated;

    /// <summary>A Register or Update failed (the response says why); the client retries.</summary>
    public event Action<Lwm2mClient, Lwm2mResponse>? RegistrationFailed;

    /// <summary>The client de-registered.</summary>
    public event Action<Lwm2mClient>? Deregistered;

    /// <summary>The options.</summary>
    public Lwm2mClientOptions Options => _options;

    /// <summary>The endpoint client name.</summary>
    public string EndpointName => _options.EndpointName;

    /// <summary>The client's clock.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>The models the client encodes and decodes with.</summary>
    public IObjectModelProvider Models => _models;

    /// <summary>The content formats the client accepts and answers in.</summary>
    public IReadOnlyList<ushort> ContentFormats => _contentFormats;

    /// <summary>The format of a Read or Observe that names none.</summary>
    public ushort DefaultContentFormat { get; }

    /// <summary>The objects, by id.</summary>
    public IReadOnlyCollection<ObjectEnabler> Objects => _objects.Values;

    /// <summary>The CoAP endpoint while started (counters, local address), or null.</summary>
    public CoapEndpoint? Coap => _coap;

    /// <summary>The bound address and port while started, or null.</summary>
    public IPEndPoint? LocalEndPoint => _coap?.LocalEndPoint;

    /// <summary>The object <paramref name="objectId"/>, or null.</summary>
    public ObjectEnabler? GetObject(int objectId) => _objects.GetValueOrDefault(objectId);

    /// <summary>The instance <paramref name="objectId"/>/<paramref name="instanceId"/>, or null.</summary>
    public InstanceEnabler? GetInstance(int objectId, int instanceId) => GetObject(objectId)?.GetInstance(instanceId);

    /// <summary>The Device instance (/3/0) if it is a <see cref="DeviceEnabler"/>.</summary>
    public DeviceEnabler? Device => GetObject(3)?.GetInstance<DeviceEnabler>(0);

    /// <summary>The Firmware Update instance (/5/0) if it is a <see cref="FirmwareUpdateEnabler"/>.</summary>
    public FirmwareUpdateEnabler? FirmwareUpdate => GetObject(5)?.GetInstance<FirmwareUpdateEnabler>(0);

    internal Lock Sync { get; } = new();

    /// <summary>
    /// Reads the node at <paramref name="path"/> as the server would get it (readable resources
    /// through the enablers' Read), without the server's restrictions on the Security object.
    /// </summary>
    public OperationResult Read(Lwm2mPath path, out Lwm2mNode? node)
    {
        lock (Sync)
        {
            return ReadNode(path.WithoutVersion, out node, checkReadable: false);
        }
    }

    /// <summary>Sets a resource or resource instance value (a local change: observers are notified).</summary>
    /// <exception cref="ArgumentException">The path names no existing instance or no resource of the model, or the type differs.</exception>
    public void SetValue(Lwm2mPath path, Lwm2mValue value)
    {
        if (!path.IsResource && !path.IsResourceInstance)
        {
            throw new ArgumentException($"{path} is not a resource or resource instance path.", nameof(path));
        }

        var instance = GetInstance(path.ObjectId, path.InstanceId)
            ?? throw new ArgumentException($"There is no instance {path.Parent}.", nameof(path));
        if (path.IsResource)
        {
            instance.SetValue(path.ResourceId, value);
        }
        else
        {
            instance.SetValue(path.ResourceId, path.ResourceInstanceId, value);
        }
    }

    /// <summary>Whether the client speaks <paramref name="contentFormat"/>.</summary>
    public bool Supports(ushort contentFormat) => Array.IndexOf(_contentFormats, contentFormat) >= 0;

    /// <summary>A change of a resource value (lock held); observers learn of it at the next flush.</summary>
    internal void RecordChange(Lwm2mPath path) => _pendingChanges.Add(path);

    /// <summary>An instance was added or removed (lock held): observers of the object, and an Update.</summary>
    internal void RecordInstancesChanged(Lwm2mPath instancePath)
    {
        _pendingChanges.Add(instancePath);
        _instancesChanged = true;
    }

    /// <summary>
    /// Evaluates recorded changes against the observations and queues the notifications due, and
    /// the Update an instance change needs. A no-op when the caller still holds the lock: the
    /// outermost caller flushes.
    /// </summary>
    internal void FlushChanges()
    {
        if (Sync.IsHeldByCurrentThread)
        {
            return;
        }

        List<ObservableResource>? notify;
        bool update;
        lock (Sync)
        {
            if (_pendingChanges.Count == 0 && !_instancesChanged && !_attributesChanged)
            {
                return;
            }

            var changes = _pendingChanges;
            _pendingChanges = new List<Lwm2mPath>();
            update = _instancesChanged;
            if (_instancesChanged)
            {
                _instancesChanged = false;
                _objectsChanged = true;
            }

            notify = EvaluateChanges(changes);
        }

        if (update)
        {
            RequestUpdate();
        }

        QueueNotifications(notify);
    }

    /// <summary>Handles one request from the server (receive loop).</summary>
    internal ClientResponse Handle(ClientRequest request)
    {
        ClientResponse response;
        try
        {
            lock (Sync)
            {
                response = Dispatch(request);
                if (request.IsNotificationRefresh && !response.Code.IsSuccess)
                {
                    // RFC 7641 §4.2: an error notification ends the observation.
                    CancelObservation(request.Token);
                }
            }
        }
        catch (Exception e)
        {
            Lwm2mClientLog.HandlerFailed(_logger, EndpointName, e);
            lock (Sync)
            {
                _pendingChanges.Clear();
            }

            response = ClientResponse.Error(OperationResult.InternalServerError(e.Message));
        }

        FlushChanges();
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Lwm2mClientLog.RequestHandled(_logger, EndpointName, request.Method.ToString(), request.PathError is null ? request.Path.ToString() : "?", response.Code.ToString());
        }

        return response;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private ushort ChooseDefaultFormat()
    {
        ushort[] order = _options.Version == Lwm2mVersion.V1_0
            ? [CoapContentFormat.Lwm2mTlv, CoapContentFormat.Lwm2mJson]
            : [CoapContentFormat.SenmlCbor, CoapContentFormat.SenmlJson, CoapContentFormat.Lwm2mCbor, CoapContentFormat.Lwm2mTlv];
        foreach (ushort format in order)
        {
            if (Supports(format))
            {
                return format;
            }
        }

        return _contentFormats.Length > 0 ? _contentFormats[0] : CoapContentFormat.Lwm2mTlv;
    }

    private CoapEndpointOptions CoapOptions()
    {
        if (_options.Coap is { } configured)
        {
            return configured;
        }

        var server = _options.ServerEndPoint!.Address;
        bool v6 = server.AddressFamily == AddressFamily.InterNetworkV6;
        var address = IPAddress.IsLoopback(server)
            ? (v6 ? IPAddress.IPv6Loopback : IPAddress.Loopback)
            : (v6 ? IPAddress.IPv6Any : IPAddress.Any);
        return new CoapEndpointOptions
        {
            Udp = new UdpEndpointOptions
            {
                Address = address,
                Port = 0,
                LoopCount = 1,
                ReceiveBufferBytes = 256 * 1024,
                SendBufferBytes = 256 * 1024,
            },
        };
    }
}
