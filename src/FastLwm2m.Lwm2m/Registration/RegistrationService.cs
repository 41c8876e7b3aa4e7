using System.Net;
using System.Security.Cryptography;
using FastLwm2m.Lwm2m.Internal;
using FastLwm2m.Transport;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// The registration interface's state machine (LwM2M 1.1 Core §6.2): Register, Update,
/// De-register and lifetime expiry, over an <see cref="IRegistrationStore"/>. Lifetimes live in
/// hashed timing wheels (one per shard, 1 s ticks) that expire lazily: an Update only moves the
/// registration's last-update time, and a wheel entry that fires early is re-armed for the rest.
/// Events are raised synchronously on the thread that caused them; listeners must be quick.
/// </summary>
public sealed class RegistrationService : IDisposable
{
    private const int TickMilliseconds = 1000;
    private const string IdAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly IRegistrationStore _store;
    private readonly RegistrationOptions _options;
    private readonly TimeProvider _time;
    private readonly long _epochTimestamp;
    private readonly long _epochUnixMilliseconds;
    private readonly (Lock Gate, TimingWheel Wheel)[] _shards;
    private readonly ITimer? _ticker;

    private long _registrations;
    private long _updates;
    private long _deregistrations;
    private long _expirations;
    private long _rejected;

    /// <summary>Creates the service.</summary>
    /// <param name="store">Where registrations live.</param>
    /// <param name="options">Options (validated here).</param>
    /// <param name="time">Clock; a fake one in tests.</param>
    /// <param name="autoTick">Whether a timer expires lifetimes every second; tests call <see cref="Tick"/>.</param>
    public RegistrationService(IRegistrationStore store, RegistrationOptions options, TimeProvider? time = null, bool autoTick = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _options = options;
        _time = time ?? TimeProvider.System;
        _epochTimestamp = _time.GetTimestamp();
        _epochUnixMilliseconds = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _shards = new (Lock, TimingWheel)[Math.Max(1, Environment.ProcessorCount)];
        for (int i = 0; i < _shards.Length; i++)
        {
            _shards[i] = (new Lock(), new TimingWheel(TickMilliseconds, 4096, NowMilliseconds));
        }

        if (autoTick)
        {
            _ticker = _time.CreateTimer(static s => ((RegistrationService)s!).Tick(), this, TimeSpan.FromMilliseconds(TickMilliseconds), TimeSpan.FromMilliseconds(TickMilliseconds));
        }
    }

    /// <summary>A client registered (the second argument is the registration it replaced, if any).</summary>
    public event Action<Registration, Registration?>? Registered;

    /// <summary>A client updated (previous, current: the same instance when nothing but the time changed).</summary>
    public event Action<Registration, Registration>? Updated;

    /// <summary>A registration ended.</summary>
    public event Action<Registration, DeregistrationReason>? Deregistered;

    /// <summary>The store.</summary>
    public IRegistrationStore Store => _store;

    /// <summary>The options.</summary>
    public RegistrationOptions Options => _options;

    /// <summary>Current time, Unix milliseconds, of the service clock.</summary>
    public long NowMilliseconds => _epochUnixMilliseconds + (long)_time.GetElapsedTime(_epochTimestamp).TotalMilliseconds;

    /// <summary>Counters.</summary>
    public RegistrationCounters GetCounters() => new(
        Interlocked.Read(ref _registrations),
        Interlocked.Read(ref _updates),
        Interlocked.Read(ref _deregistrations),
        Interlocked.Read(ref _expirations),
        Interlocked.Read(ref _rejected),
        _store.Count);

    /// <summary>Counts a request refused as malformed.</summary>
    public void CountRejected() => Interlocked.Increment(ref _rejected);

    /// <summary>Registers a client (parameters already validated). Replaces a registration of the same endpoint.</summary>
    public Registration Register(RegistrationParameters parameters, SocketAddress address)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Endpoint is null)
        {
            throw new ArgumentException("Register needs an endpoint name.", nameof(parameters));
        }

        long now = NowMilliseconds;
        var version = parameters.Version ?? Lwm2mVersion.V1_0;
        var binding = parameters.Binding ?? BindingMode.U;
        var registration = new Registration(
            NewId(),
            parameters.Endpoint,
            version,
            parameters.LifetimeSeconds ?? _options.DefaultLifetimeSeconds,
            binding & ~BindingMode.Q,
            parameters.QueueMode ?? false,
            parameters.SmsNumber,
            parameters.RootPath ?? "/",
            parameters.Objects ?? [],
            parameters.Instances ?? [],
            CompactAddress.From(address),
            parameters.ContentFormats ?? ContentFormatSupport.None,
            now,
            now);

        var replaced = _store.Add(registration);
        if (replaced is not null)
        {
            Cancel(replaced);
        }

        Schedule(registration);
        Interlocked.Increment(ref _registrations);
        if (replaced is not null)
        {
            Deregistered?.Invoke(replaced, DeregistrationReason.Replaced);
        }

        Registered?.Invoke(registration, replaced);
        return registration;
    }

    /// <summary>
    /// Updates a registration by id (LwM2M 1.1 Core §6.2.2). Returns the current registration, or
    /// null if the id is unknown. Without changed parameters nothing is allocated.
    /// </summary>
    public Registration? Update(ReadOnlySpan<char> id, RegistrationParameters? parameters, SocketAddress address)
    {
        var current = _store.GetById(id);
        if (current is null)
        {
            return null;
        }

        long now = NowMilliseconds;
        var compact = CompactAddress.From(address);
        bool addressChanged = !current.Address.Equals(compact);
        if (parameters is null && !addressChanged)
        {
            current.Touch(now);
            Interlocked.Increment(ref _updates);
            Updated?.Invoke(current, current);
            return current;
        }

        var updated = new Registration(
            current.Id,
            current.Endpoint,
            current.Version,
            parameters?.LifetimeSeconds ?? current.LifetimeSeconds,
            parameters?.Binding is { } b ? b & ~BindingMode.Q : current.Binding,
            parameters?.QueueMode ?? current.QueueMode,
            parameters?.SmsNumber ?? current.SmsNumber,
            parameters?.RootPath ?? current.RootPath,
            parameters?.Objects is { } o ? o : current.PackedObjects,
            parameters?.Instances is { } i ? i : current.PackedInstances,
            compact,
            parameters?.ContentFormats ?? current.ContentFormats,
            current.RegisteredAtMilliseconds,
            now);

        if (_store.Replace(updated) is not { } previous)
        {
            return null; // de-registered meanwhile
        }

        Cancel(previous);
        Schedule(updated);
        Interlocked.Increment(ref _updates);
        Updated?.Invoke(previous, updated);
        return updated;
    }

    /// <summary>De-registers by id (LwM2M 1.1 Core §6.2.3); returns the removed registration or null.</summary>
    public Registration? Deregister(string id)
    {
        var removed = _store.Remove(id);
        if (removed is null)
        {
            return null;
        }

        Cancel(removed);
        Interlocked.Increment(ref _deregistrations);
        Deregistered?.Invoke(removed, DeregistrationReason.Deregistered);
        return removed;
    }

    /// <summary>Expires every registration whose lifetime has passed (called every second, or by tests).</summary>
    public void Tick()
    {
        long now = NowMilliseconds;
        foreach (var (gate, wheel) in _shards)
        {
            lock (gate)
            {
                wheel.Advance(now);
            }
        }
    }

    internal void OnLifetimeTimer(Registration registration, long now)
    {
        // Called by a wheel with its shard gate held.
        long expiresAt = registration.ExpiresAtMilliseconds + (long)_options.LifetimeGrace.TotalMilliseconds;
        if (expiresAt > now)
        {
            ShardOf(registration).Wheel.Schedule(registration, expiresAt - now);
            return;
        }

        if (_store.RemoveIfCurrent(registration))
        {
            Interlocked.Increment(ref _expirations);
            Deregistered?.Invoke(registration, DeregistrationReason.Expired);
        }
    }

    private void Schedule(Registration registration)
    {
        registration.Owner = this;
        var (gate, wheel) = ShardOf(registration);
        long delay = registration.ExpiresAtMilliseconds + (long)_options.LifetimeGrace.TotalMilliseconds - NowMilliseconds;
        lock (gate)
        {
            wheel.Schedule(registration, Math.Max(delay, 1));
        }
    }

    private void Cancel(Registration registration)
    {
        var (gate, wheel) = ShardOf(registration);
        lock (gate)
        {
            wheel.Cancel(registration);
        }
    }

    private (Lock Gate, TimingWheel Wheel) ShardOf(Registration registration) =>
        _shards[(int)((uint)registration.Id.GetHashCode() % (uint)_shards.Length)];

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_randomUsed;

    /// <summary>
    /// 10 characters of base 62 from the OS's CSPRNG (~59 bits): unguessable registration ids.
    /// Random bytes are drawn 4 KiB at a time per thread (one getrandom call per ~400 ids, not one
    /// per id); a byte is used only below 248 (= 4 × 62) so that every character is equally likely.
    /// </summary>
    internal static string NewId() => string.Create(10, 0, static (chars, _) =>
    {
        for (int i = 0; i < chars.Length;)
        {
            byte b = NextRandomByte();
            if (b < 248)
            {
                chars[i++] = IdAlphabet[b % 62];
            }
        }
    });

    private static byte NextRandomByte()
    {
        var buffer = t_random ??= new byte[4096];
        if (t_randomUsed == 0 || t_randomUsed == buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            t_randomUsed = 0;
        }

        return buffer[t_randomUsed++];
    }

    /// <inheritdoc />
    public void Dispose() => _ticker?.Dispose();
}
