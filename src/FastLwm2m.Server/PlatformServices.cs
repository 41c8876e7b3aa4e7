using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Sessions;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Platform.TransportLog;
using FastLwm2m.Storage.Sqlite;

namespace FastLwm2m.Server;

/// <summary>
/// The platform over the embedded store, opened at start-up: model library, device profiles,
/// devices with their credentials, and the registration authorizer (with auto-provisioning).
/// </summary>
public sealed class PlatformServices : IAsyncDisposable
{
    private PlatformServices(SqliteDatabase database, ModelLibrary models, ProfileService profiles, DeviceService devices, DeviceRegistrationAuthorizer authorizer)
    {
        Database = database;
        Models = models;
        Profiles = profiles;
        Devices = devices;
        Authorizer = authorizer;
        TelemetryStore = new SqliteTelemetryStore(database);
        Telemetry = new TelemetryPipeline(TelemetryStore);
        Attributes = new SqliteAttributeStore(database);
        _transportLog = new SqliteTransportLog(database);
    }

    private readonly SqliteTransportLog _transportLog;

    /// <summary>Telemetry history and latest values.</summary>
    public ITelemetryStore TelemetryStore { get; }

    /// <summary>Telemetry from notifications, reads and Sends to the store (ACK after commit).</summary>
    public TelemetryPipeline Telemetry { get; }

    /// <summary>Latest attribute values per device.</summary>
    public IAttributeStore Attributes { get; }

    /// <summary>Per-device transport log.</summary>
    public ITransportLog TransportLog => _transportLog;

    /// <summary>The sessions of registered devices (init on registration, value mapping); set by <see cref="Attach"/>.</summary>
    public DeviceSessionManager? Sessions { get; private set; }

    /// <summary>Requests waiting for sleeping devices (kept in the store); set by <see cref="Attach"/>.</summary>
    public FastLwm2m.Platform.Downlink.DownlinkQueue? Downlink { get; private set; }

    /// <summary>Shared attribute updates that become Writes; set by <see cref="Attach"/>.</summary>
    public FastLwm2m.Platform.SharedAttributes.SharedAttributeService? SharedAttributes { get; private set; }

    /// <summary>
    /// The profile of a registered device, for RPC key names (`{"key":"batteryLevel"}`), from the
    /// profile service's cache (a first lookup loads it from the store). Called from RPC and queue
    /// delivery (thread pool), never from the receive loop.
    /// </summary>
    public DeviceProfile? ProfileOf(Registration registration)
    {
        if (Devices.FindByEndpoint(registration.Endpoint) is not { } device)
        {
            return null;
        }

        return Profiles.GetAsync(device.Tenant, device.ProfileId).GetAwaiter().GetResult();
    }

    /// <summary>An RPC service that resolves the device profile's keys.</summary>
    public FastLwm2m.Platform.Rpc.RpcService CreateRpcService(Lwm2mServer server) =>
        new(server, new ProfileKeyResolver(ProfileOf), r => Models.ForClient(Devices.FindByEndpoint(r.Endpoint)?.Tenant ?? TenantId.System, r.GetObjectVersion));

    /// <summary>Connects the platform to a server (before it starts): sessions, init, mapping, the downlink queue.</summary>
    public void Attach(Lwm2mServer server)
    {
        Sessions = new DeviceSessionManager(server, Devices, Profiles, Telemetry, Attributes, TransportLog);
        Downlink = new FastLwm2m.Platform.Downlink.DownlinkQueue(server, new SqliteDownlinkQueueStore(Database), CreateRpcService(server), TransportLog);
        var downlink = Downlink;
        Devices.DeletedHandler = (device, cancellationToken) => downlink.PurgeDeviceAsync(device.Endpoint, cancellationToken);
        SharedAttributes = new FastLwm2m.Platform.SharedAttributes.SharedAttributeService(
            server, FastLwm2m.Platform.SharedAttributes.SharedAttributeService.ProfileLookup(Devices, Profiles), TransportLog, Downlink);
    }

    /// <summary>The SQLite file.</summary>
    public SqliteDatabase Database { get; }

    /// <summary>Object models (system and tenants).</summary>
    public ModelLibrary Models { get; }

    /// <summary>Device profiles.</summary>
    public ProfileService Profiles { get; }

    /// <summary>Devices and credentials.</summary>
    public DeviceService Devices { get; }

    /// <summary>Who may register.</summary>
    public DeviceRegistrationAuthorizer Authorizer { get; }

    /// <summary>Opens the store (creating it on first start) and the services over it.</summary>
    public static async Task<PlatformServices> OpenAsync(StorageOptions storage, ProvisioningOptions provisioning, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        string path = Path.GetFullPath(storage.Path);
        SqliteDatabase database;
        try
        {
            database = await SqliteDatabase.OpenAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new OptionsException("FastLwm2m:Storage:Path", $"cannot open the store '{path}': {e.Message}");
        }

        var models = new ModelLibrary(new SqliteModelStore(database), ObjectModelRepository.CreateWithCoreModels());
        var profiles = new ProfileService(new SqliteProfileStore(database), models);
        var devices = await DeviceService.OpenAsync(new SqliteDeviceStore(database), logger: loggers.CreateLogger("FastLwm2m.Platform.Devices"), cancellationToken: cancellationToken);

        Guid? defaultProfile = provisioning.DefaultProfileId;
        if (provisioning.AutoProvisionNoSec && defaultProfile is null)
        {
            defaultProfile = await FindOrCreateDefaultProfileAsync(profiles, provisioning, cancellationToken);
        }

        var authorizer = new DeviceRegistrationAuthorizer(devices, provisioning, () => defaultProfile);
        return new PlatformServices(database, models, profiles, devices, authorizer);
    }

    private static async Task<Guid> FindOrCreateDefaultProfileAsync(ProfileService profiles, ProvisioningOptions provisioning, CancellationToken cancellationToken)
    {
        string name = string.IsNullOrWhiteSpace(provisioning.DefaultProfile) ? DeviceProfiles.DefaultName : provisioning.DefaultProfile;
        var existing = (await profiles.ListAsync(provisioning.TenantId, cancellationToken)).FirstOrDefault(p => p.Name == name);
        if (existing is not null)
        {
            return existing.Id;
        }

        if (!string.IsNullOrWhiteSpace(provisioning.DefaultProfile) && provisioning.DefaultProfile != DeviceProfiles.DefaultName)
        {
            throw new OptionsException("FastLwm2m:Provisioning:DefaultProfile", $"no profile named '{provisioning.DefaultProfile}'");
        }

        var created = await profiles.CreateAsync(provisioning.TenantId, DeviceProfiles.CreateDefault(provisioning.TenantId), cancellationToken);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"The built-in default profile does not validate: {created.Error}");
        }

        return created.Profile!.Id;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Downlink is { } downlink)
        {
            await downlink.DisposeAsync();
        }

        if (Sessions is { } sessions)
        {
            await sessions.DisposeAsync();
        }

        await Telemetry.DisposeAsync();
        await _transportLog.DisposeAsync();
        await Devices.DisposeAsync();
        Database.Dispose();
    }
}
