using System.Collections.Concurrent;
using System.Threading.Channels;
using FastLwm2m.Platform.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastLwm2m.Platform;

/// <summary>
/// Devices and their credentials, per tenant: create (validated, endpoint names and PSK identities
/// unique across the server), get, list, delete. Reads return <see cref="DeviceInfo"/>, never a secret.
/// </summary>
/// <remarks>
/// <para>Every device is held in memory (loaded by <see cref="OpenAsync"/>) and indexed by id,
/// endpoint and PSK identity, so the registration path (<see cref="DeviceRegistrationAuthorizer"/>)
/// looks a device up without I/O. Operator writes go to the store before they return; devices
/// auto-provisioned at registration enter the index at once and are written by a background task,
/// which <see cref="FlushAsync"/> waits for and <see cref="DisposeAsync"/> drains.</para>
/// <para>One service per store: writes made to the store by another process are not seen.</para>
/// <para>Thread safety: safe for concurrent use; store writes are serialized.</para>
/// </remarks>
public sealed class DeviceService : IAsyncDisposable
{
    private readonly IDeviceStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _indexLock = new();
    private readonly ConcurrentDictionary<Guid, Device> _byId = new();
    private readonly ConcurrentDictionary<string, Device> _byEndpoint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Device> _byPskIdentity = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _storeWrites = new(1, 1);
    private readonly Channel<PendingDeviceWrite> _pending = Channel.CreateUnbounded<PendingDeviceWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _persister;
    private Task _lastPending = Task.CompletedTask;

    private DeviceService(IDeviceStore store, TimeProvider timeProvider, ILogger logger)
    {
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        _persister = Task.Run(PersistAsync);
    }

    /// <summary>Creates the service over <paramref name="store"/>, loading every device into memory.</summary>
    /// <param name="store">Where devices are kept.</param>
    /// <param name="timeProvider">The clock for <see cref="Device.CreatedAt"/>; <see cref="TimeProvider.System"/> if null.</param>
    /// <param name="logger">Where auto-provisioning is logged; none if null.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    public static async Task<DeviceService> OpenAsync(IDeviceStore store, TimeProvider? timeProvider = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        IReadOnlyList<Device> devices = await store.ListAllAsync(cancellationToken).ConfigureAwait(false);
        var service = new DeviceService(store, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);
        lock (service._indexLock)
        {
            foreach (Device device in devices)
            {
                service.Index(device);
            }
        }

        return service;
    }

    /// <summary>The number of devices, all tenants.</summary>
    public int Count => _byId.Count;

    internal ILogger Logger => _logger;

    /// <summary>
    /// Creates a device of <paramref name="tenant"/>. Nothing is stored when a field is invalid
    /// (<see cref="DeviceCreateStatus.Invalid"/>, the error naming the field, e.g.
    /// <c>credentials.key: …</c>) or when the endpoint name or PSK identity is taken
    /// (<see cref="DeviceCreateStatus.Conflict"/>).
    /// </summary>
    /// <param name="tenant">The owner.</param>
    /// <param name="name">Display name.</param>
    /// <param name="profileId">The device profile's id.</param>
    /// <param name="credentials">How the device identifies itself.</param>
    /// <param name="cancellationToken">Cancels before the store commits.</param>
    public async Task<DeviceCreateResult> CreateAsync(TenantId tenant, string name, Guid profileId, DeviceCredentials credentials, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return DeviceCreateResult.Invalid("name: required");
        }

        if (profileId == Guid.Empty)
        {
            return DeviceCreateResult.Invalid("profileId: required");
        }

        if (credentials is null)
        {
            return DeviceCreateResult.Invalid("credentials: required");
        }

        if (credentials.Validate() is { } error)
        {
            return DeviceCreateResult.Invalid(error);
        }

        var device = new Device
        {
            Id = Guid.NewGuid(),
            Tenant = tenant,
            Name = name,
            ProfileId = profileId,
            Credentials = credentials,
            CreatedAt = Now(),
        };

        // Reserve the endpoint and identity in the index first, so a registration auto-provisioning
        // the same endpoint meanwhile cannot take it too.
        lock (_indexLock)
        {
            if (FindConflict(device) is { } conflict)
            {
                return DeviceCreateResult.Conflict(conflict);
            }

            Index(device);
        }

        bool stored = false;
        try
        {
            await _storeWrites.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _store.UpsertAsync(device, cancellationToken).ConfigureAwait(false);
                stored = true;
            }
            finally
            {
                _storeWrites.Release();
            }
        }
        catch (InvalidOperationException e)
        {
            // The store's own unique indexes: a device this service has not loaded.
            return DeviceCreateResult.Conflict($"credentials: {e.Message}");
        }
        finally
        {
            if (!stored)
            {
                lock (_indexLock)
                {
                    Unindex(device);
                }
            }
        }

        return DeviceCreateResult.Created(device.ToInfo());
    }

    /// <summary>The device <paramref name="id"/> if <paramref name="tenant"/> owns it; else null.</summary>
    public Task<DeviceInfo?> GetAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_byId.TryGetValue(id, out Device? device) && device.Tenant == tenant ? device.ToInfo() : null);
    }

    /// <summary>The devices of <paramref name="tenant"/>, ordered by name then id.</summary>
    public Task<IReadOnlyList<DeviceInfo>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<DeviceInfo> devices =
        [
            .. _byId.Values.Where(d => d.Tenant == tenant).OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Id).Select(d => d.ToInfo()),
        ];
        return Task.FromResult(devices);
    }

    /// <summary>
    /// Cleans up after a deleted device (e.g. <c>DownlinkQueue.PurgeDeviceAsync</c>: its queued requests
    /// and their outcomes), awaited by <see cref="DeleteAsync"/> before it returns and before another
    /// device can be created, so a new device with the same endpoint starts clean. A failure is logged;
    /// the deletion stands.
    /// </summary>
    public Func<DeviceInfo, CancellationToken, Task>? DeletedHandler { get; set; }

    /// <summary>Deletes the device <paramref name="id"/> if <paramref name="tenant"/> owns it.</summary>
    /// <returns>The removed device, or null if <paramref name="tenant"/> has no such device.</returns>
    public async Task<DeviceInfo?> DeleteAsync(TenantId tenant, Guid id, CancellationToken cancellationToken = default)
    {
        await _storeWrites.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_byId.TryGetValue(id, out Device? device) || device.Tenant != tenant)
            {
                return null;
            }

            await _store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            lock (_indexLock)
            {
                Unindex(device);
            }

            DeviceInfo deleted = device.ToInfo();
            if (DeletedHandler is { } handler)
            {
                try
                {
                    await handler(deleted, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    DeviceLog.DeletedHandlerFailed(_logger, deleted.Id, deleted.Endpoint, e);
                }
            }

            return deleted;
        }
        finally
        {
            _storeWrites.Release();
        }
    }

    /// <summary>
    /// The device registering as <paramref name="endpoint"/>, whatever its tenant, or null: for the
    /// server side (registration events, DTLS later); a control-plane caller uses <see cref="GetAsync"/>
    /// with its tenant. Non-blocking (an in-memory lookup).
    /// </summary>
    public DeviceInfo? FindByEndpoint(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return _byEndpoint.TryGetValue(endpoint, out Device? device) ? device.ToInfo() : null;
    }

    /// <summary>Completes once every device auto-provisioned so far is written to the store.</summary>
    public Task FlushAsync()
    {
        lock (_indexLock)
        {
            return _lastPending;
        }
    }

    /// <summary>Stops accepting auto-provisioned devices and writes those still pending (nothing is lost on a graceful stop).</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _persister.ConfigureAwait(false);
    }

    /// <summary>The device of <paramref name="endpoint"/>, secrets included, for the registration path.</summary>
    internal Device? GetByEndpoint(string endpoint) => _byEndpoint.GetValueOrDefault(endpoint);

    /// <summary>
    /// The device of <paramref name="endpoint"/>: the existing one, or a new NoSec device marked
    /// <see cref="Device.AutoProvisioned"/>, indexed at once and written to the store in the
    /// background. Null if the endpoint name is not valid or the service is disposed. Never blocks.
    /// </summary>
    internal Device? ProvisionNoSec(TenantId tenant, string endpoint, Guid profileId)
    {
        var credentials = new NoSecCredentials(endpoint);
        if (credentials.Validate() is not null)
        {
            return null;
        }

        Device device;
        lock (_indexLock)
        {
            if (_byEndpoint.TryGetValue(endpoint, out Device? existing))
            {
                return existing;
            }

            device = new Device
            {
                Id = Guid.NewGuid(),
                Tenant = tenant,
                Name = endpoint,
                ProfileId = profileId,
                Credentials = credentials,
                AutoProvisioned = true,
                CreatedAt = Now(),
            };
            var write = new PendingDeviceWrite(device, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            if (!_pending.Writer.TryWrite(write))
            {
                return null;
            }

            Index(device);
            _lastPending = write.Done.Task;
        }

        DeviceLog.AutoProvisioned(_logger, endpoint, device.Id, tenant, profileId);
        return device;
    }

    /// <summary>Now, to the millisecond (what stores keep), so a device reads back equal to what was created.</summary>
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    private async Task PersistAsync()
    {
        await foreach (PendingDeviceWrite write in _pending.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await _storeWrites.WaitAsync().ConfigureAwait(false);
            try
            {
                // Skip a device deleted before it was written.
                if (_byId.TryGetValue(write.Device.Id, out Device? current) && ReferenceEquals(current, write.Device))
                {
                    await _store.UpsertAsync(write.Device).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                // Kept in memory so the device can go on registering; an operator can recreate it.
                DeviceLog.PersistFailed(_logger, write.Device.Endpoint, write.Device.Id, e);
            }
            finally
            {
                _storeWrites.Release();
                write.Done.TrySetResult();
            }
        }
    }

    private string? FindConflict(Device device)
    {
        if (_byEndpoint.ContainsKey(device.Endpoint))
        {
            return $"credentials.endpoint: endpoint '{device.Endpoint}' is already used by another device";
        }

        if (device.Credentials is PskCredentials psk && _byPskIdentity.ContainsKey(psk.PskIdentity))
        {
            return $"credentials.identity: PSK identity '{psk.PskIdentity}' is already used by another device";
        }

        return null;
    }

    /// <summary>Adds <paramref name="device"/> to the indexes; under <see cref="_indexLock"/>.</summary>
    private void Index(Device device)
    {
        _byId[device.Id] = device;
        _byEndpoint[device.Endpoint] = device;
        if (device.Credentials is PskCredentials psk)
        {
            _byPskIdentity[psk.PskIdentity] = device;
        }
    }

    /// <summary>Removes <paramref name="device"/> from the indexes where it is the entry; under <see cref="_indexLock"/>.</summary>
    private void Unindex(Device device)
    {
        _byId.TryRemove(new KeyValuePair<Guid, Device>(device.Id, device));
        _byEndpoint.TryRemove(new KeyValuePair<string, Device>(device.Endpoint, device));
        if (device.Credentials is PskCredentials psk && _byPskIdentity.TryGetValue(psk.PskIdentity, out Device? entry) && ReferenceEquals(entry, device))
        {
            _byPskIdentity.Remove(psk.PskIdentity);
        }
    }
}
