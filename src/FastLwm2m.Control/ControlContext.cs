using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using FastLwm2m.Platform.ApiKeys;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Downlink;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Rpc;
using FastLwm2m.Platform.SharedAttributes;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Platform.TransportLog;

namespace FastLwm2m.Control;

/// <summary>
/// The Platform services the gRPC control plane calls. The host builds one over its stores and
/// registers it in DI before <see cref="Microsoft.Extensions.DependencyInjection.ControlServiceCollectionExtensions.AddFastLwm2mControl"/>.
/// The gRPC services keep no state of their own: everything they return comes from here.
/// </summary>
public sealed class ControlContext
{
    private readonly Lazy<RpcService> _defaultRpc;

    /// <summary>Creates the context.</summary>
    /// <param name="server">The LwM2M server: registrations and the requests RPC sends.</param>
    /// <param name="models">The object model library.</param>
    /// <param name="profiles">The device profiles.</param>
    /// <param name="devices">The devices and their credentials.</param>
    /// <param name="telemetry">The telemetry store.</param>
    /// <param name="transportLog">The per-device transport log.</param>
    /// <param name="attributes">The attribute store.</param>
    public ControlContext(
        Lwm2mServer server,
        ModelLibrary models,
        ProfileService profiles,
        DeviceService devices,
        ITelemetryStore telemetry,
        ITransportLog transportLog,
        IAttributeStore attributes)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(transportLog);
        ArgumentNullException.ThrowIfNull(attributes);
        Server = server;
        Models = models;
        Profiles = profiles;
        Devices = devices;
        Telemetry = telemetry;
        TransportLog = transportLog;
        Attributes = attributes;
        _defaultRpc = new Lazy<RpcService>(() => new RpcService(server));
    }

    /// <summary>The LwM2M server.</summary>
    public Lwm2mServer Server { get; }

    /// <summary>The object model library.</summary>
    public ModelLibrary Models { get; }

    /// <summary>The device profiles.</summary>
    public ProfileService Profiles { get; }

    /// <summary>The devices and their credentials.</summary>
    public DeviceService Devices { get; }

    /// <summary>The telemetry store.</summary>
    public ITelemetryStore Telemetry { get; }

    /// <summary>The per-device transport log.</summary>
    public ITransportLog TransportLog { get; }

    /// <summary>The attribute store.</summary>
    public IAttributeStore Attributes { get; }

    /// <summary>
    /// Writes shared attributes to devices (Attributes.Update). Null (the default): the call
    /// answers FAILED_PRECONDITION, shared attributes not enabled.
    /// </summary>
    public SharedAttributeService? SharedAttributes { get; init; }

    /// <summary>
    /// Gives the <see cref="RpcService"/> for a device: its profile's keys and its tenant's
    /// models. Null (the default) uses one <see cref="RpcService"/> over the core models without
    /// keys.
    /// </summary>
    public Func<DeviceInfo, RpcService>? RpcFactory { get; init; }

    /// <summary>
    /// Runs an RPC for a registered device instead of calling the <see cref="RpcService"/> directly,
    /// e.g. the downlink queue, which answers QUEUED for a sleeping queue-mode device and delivers
    /// the request when it wakes. Null: the RPC runs at once.
    /// </summary>
    public Func<Registration, string, string?, CancellationToken, Task<RpcResult>>? RpcExecutor { get; init; }

    /// <summary>
    /// The downlink queue behind <see cref="RpcExecutor"/>, for Rpc.GetQueued/ListQueued/CancelQueued
    /// and the queue state of Devices.Get. Null (the default): those calls answer FAILED_PRECONDITION.
    /// </summary>
    public DownlinkQueue? Downlink { get; init; }

    /// <summary>
    /// The telemetry pipeline whose commits the Events stream reports as telemetry events. Null (the
    /// default): the stream carries no telemetry events. (<see cref="Telemetry"/> is the store.)
    /// </summary>
    public TelemetryPipeline? TelemetryPipeline { get; init; }

    /// <summary>
    /// The API keys callers authenticate with. Set: every call but the gRPC health service needs a
    /// valid key (<see cref="ControlMetadata.AuthorizationHeader"/> or <see cref="ControlMetadata.ApiKeyHeader"/>),
    /// else UNAUTHENTICATED, and acts for the key's tenant. Null (the default): authentication is off and
    /// <see cref="ControlMetadata.TenantHeader"/> is trusted, for in-process embedders and tests only.
    /// </summary>
    public ApiKeyService? ApiKeys { get; init; }

    internal RpcService RpcFor(DeviceInfo device) => RpcFactory?.Invoke(device) ?? _defaultRpc.Value;

    internal Task<RpcResult> ExecuteRpcAsync(DeviceInfo device, Registration registration, string method, string? paramsJson, CancellationToken cancellationToken) =>
        RpcExecutor is { } executor
            ? executor(registration, method, paramsJson, cancellationToken)
            : RpcFor(device).ExecuteAsync(registration, method, paramsJson, cancellationToken);
}
