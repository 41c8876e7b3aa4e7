using System.Net;
using System.Text;
using FastLwm2m.Lwm2m.Internal;
using FastLwm2m.Transport;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// A client's registration (LwM2M 1.1 Core §6.2.1): who it is, what it supports and where it is.
/// Immutable except for the times an Update without changes refreshes (<see cref="LastUpdateMilliseconds"/>),
/// so that the common Update allocates nothing; an Update that changes anything produces a new
/// instance. Kept compact — supported objects and instances are packed integer arrays — because a
/// server holds one per device.
/// </summary>
public sealed class Registration : TimerNode
{
    // One array: the supported objects (objectId << 16 | packed version, sorted by object id),
    // then the announced instances (objectId << 16 | instanceId, in registration order).
    private readonly uint[] _links;
    private readonly ushort _objectCount;
    private readonly CompactAddress _address;
    private long _lastUpdate;

    internal Registration(
        string id,
        string endpoint,
        Lwm2mVersion version,
        uint lifetimeSeconds,
        BindingMode binding,
        bool queueMode,
        string? smsNumber,
        string rootPath,
        ReadOnlySpan<int> objects,
        ReadOnlySpan<uint> instances,
        CompactAddress address,
        ContentFormatSupport contentFormats,
        long registeredAtMilliseconds,
        long lastUpdateMilliseconds)
    {
        Id = id;
        Endpoint = endpoint;
        Version = version;
        LifetimeSeconds = lifetimeSeconds;
        Binding = binding;
        QueueMode = queueMode;
        SmsNumber = smsNumber;
        RootPath = rootPath;
        _links = new uint[objects.Length + instances.Length];
        for (int i = 0; i < objects.Length; i++)
        {
            _links[i] = (uint)objects[i];
        }

        instances.CopyTo(_links.AsSpan(objects.Length));
        _objectCount = (ushort)objects.Length;
        _address = address;
        ContentFormats = contentFormats;
        RegisteredAtMilliseconds = registeredAtMilliseconds;
        _lastUpdate = lastUpdateMilliseconds;
    }

    /// <summary>The registration id (the Location-Path <c>/rd/{id}</c>): 10 random base-62 characters.</summary>
    public string Id { get; }

    /// <summary>Endpoint client name (<c>ep</c>).</summary>
    public string Endpoint { get; }

    /// <summary>LwM2M version (<c>lwm2m</c>).</summary>
    public Lwm2mVersion Version { get; }

    /// <summary>Lifetime in seconds (<c>lt</c>, default 86400).</summary>
    public uint LifetimeSeconds { get; }

    /// <summary>Binding (<c>b</c>, default U).</summary>
    public BindingMode Binding { get; }

    /// <summary>Queue mode: the <c>Q</c> parameter (1.1+) or a Q in the binding (1.0).</summary>
    public bool QueueMode { get; }

    /// <summary>MSISDN (<c>sms</c>), if given.</summary>
    public string? SmsNumber { get; }

    /// <summary>Alternate path of the objects ("/" unless the root link names another, e.g. "/lwm2m").</summary>
    public string RootPath { get; }

    /// <summary>Content formats the client declared at registration (ct of the root link); None if it declared none.</summary>
    public ContentFormatSupport ContentFormats { get; }

    /// <summary>The client's address (allocates; for requests to it and for logs).</summary>
    public IPEndPoint EndPoint => _address.ToIPEndPoint();

    internal CompactAddress Address => _address;

    /// <summary>When it registered (Unix milliseconds of the server clock).</summary>
    public long RegisteredAtMilliseconds { get; }

    /// <summary>When it last registered or updated (Unix milliseconds of the server clock).</summary>
    public long LastUpdateMilliseconds => Volatile.Read(ref _lastUpdate);

    /// <summary>When the registration expires unless updated.</summary>
    public long ExpiresAtMilliseconds => LastUpdateMilliseconds + (LifetimeSeconds * 1000L);

    /// <summary>Supported objects with their versions, by object id.</summary>
    public IReadOnlyList<(int ObjectId, ObjectVersion Version)> SupportedObjects =>
        _links.Take(_objectCount).Select(o => ((int)(o >> 16), ObjectVersion.FromPacked((ushort)o))).ToArray();

    /// <summary>Object instances the client announced (e.g. /3/0).</summary>
    public IReadOnlyList<(int ObjectId, int InstanceId)> ObjectInstances =>
        _links.Skip(_objectCount).Select(i => ((int)(i >> 16), (int)(i & 0xFFFF))).ToArray();

    /// <summary>Whether <paramref name="other"/> declares the same objects, versions and instances (no allocation).</summary>
    public bool HasSameObjects(Registration other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(_links, other._links)
            || (_objectCount == other._objectCount && _links.AsSpan().SequenceEqual(other._links));
    }

    /// <summary>The version the client registered for an object, or null if it does not support it.</summary>
    public ObjectVersion? GetObjectVersion(int objectId)
    {
        int lo = 0, hi = _objectCount - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int id = (int)(_links[mid] >> 16);
            if (id == objectId)
            {
                return ObjectVersion.FromPacked((ushort)_links[mid]);
            }

            if (id < objectId)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return null;
    }

    internal ReadOnlySpan<int> PackedObjects => System.Runtime.InteropServices.MemoryMarshal.Cast<uint, int>(_links.AsSpan(0, _objectCount));

    internal ReadOnlySpan<uint> PackedInstances => _links.AsSpan(_objectCount);

    internal RegistrationService? Owner;

    internal void Touch(long nowMilliseconds) => Volatile.Write(ref _lastUpdate, nowMilliseconds);

    /// <summary>"{1=1.1, 3=1.2, 5=1.0}" as in the functional reference's log line.</summary>
    public string SupportedObjectIdVerText()
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < _objectCount; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_links[i] >> 16).Append('=').Append(ObjectVersion.FromPacked((ushort)_links[i]));
        }

        return sb.Append('}').ToString();
    }

    /// <summary>The functional reference's registration log line.</summary>
    public string RegisteredLogLine() =>
        $"Client registered with registration id: [{Id}] LwM2mVersion: [{Version.ToText()}], SupportedObjectIdVer [{SupportedObjectIdVerText()}] QueueMode [{(QueueMode ? "true" : "false")}], BindingMode [{Binding.ToListText()}]";

    /// <inheritdoc />
    protected override void OnTimer(long nowMilliseconds) => Owner?.OnLifetimeTimer(this, nowMilliseconds);

    /// <inheritdoc />
    public override string ToString() => $"Registration {Id} ep={Endpoint} lwm2m={Version.ToText()} lt={LifetimeSeconds} b={Binding} Q={QueueMode}";
}
