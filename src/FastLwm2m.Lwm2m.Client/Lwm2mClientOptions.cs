using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>Options of an <see cref="Lwm2mClient"/>. Every option has a documented default.</summary>
public sealed class Lwm2mClientOptions
{
    /// <summary>Endpoint client name (<c>ep</c>). Required.</summary>
    public string EndpointName { get; set; } = "";

    /// <summary>The LwM2M server's address and port. Required.</summary>
    public IPEndPoint? ServerEndPoint { get; set; }

    /// <summary>Registration lifetime in seconds (<c>lt</c>). Default 300.</summary>
    public uint LifetimeSeconds { get; set; } = 300;

    /// <summary>The LwM2M version the client registers with (<c>lwm2m</c>). Default 1.1.</summary>
    public Lwm2mVersion Version { get; set; } = Lwm2mVersion.V1_1;

    /// <summary>Binding (<c>b</c>). Default U.</summary>
    public BindingMode Binding { get; set; } = BindingMode.U;

    /// <summary>Queue mode (Transport §6.5): <c>Q</c> for 1.1+, "UQ" binding for 1.0. Default false.</summary>
    public bool QueueMode { get; set; }

    /// <summary>SMS number (<c>sms</c>), or null.</summary>
    public string? SmsNumber { get; set; }

    /// <summary>The codecs (null: every content format FastLwm2m implements).</summary>
    public Lwm2mCodecs? Codecs { get; set; }

    /// <summary>
    /// The content formats the client accepts and answers in (null: every format of <see cref="Codecs"/>).
    /// A request asking for another one is answered 4.06 (Accept) or 4.15 (Content-Format).
    /// </summary>
    public IReadOnlyList<ushort>? ContentFormats { get; set; }

    /// <summary>List the supported formats in the <c>ct</c> attribute of the root link (Core §6.2.1.1). Default true (1.1+ only).</summary>
    public bool AdvertiseContentFormats { get; set; } = true;

    /// <summary>
    /// Format of a Read or notification without Accept (null: SenML CBOR for 1.1+, TLV for 1.0,
    /// or the first supported format of those two).
    /// </summary>
    public ushort? DefaultContentFormat { get; set; }

    /// <summary>Object models (null: the core models built into FastLwm2m).</summary>
    public ObjectModelRepository? Models { get; set; }

    /// <summary>The objects (null: <see cref="StandardObjects.Create"/> for these options).</summary>
    public IReadOnlyList<ObjectEnabler>? Objects { get; set; }

    /// <summary>
    /// The CoAP endpoint (null: port 0 on the server's loopback or any-address of its family, one loop,
    /// small socket buffers, the RFC's transmission parameters).
    /// </summary>
    public CoapEndpointOptions? Coap { get; set; }

    /// <summary>Send the Update when this fraction of the lifetime has passed. Default 0.9.</summary>
    public double UpdateLifetimeFraction { get; set; } = 0.9;

    /// <summary>Wait between failed Register attempts. Default 10 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Send notifications as CON (default false: NON, with a CON every 24 h as RFC 7641 §4.5 asks).</summary>
    public bool ConfirmableNotifications { get; set; }

    /// <summary>Short Server ID of the server account (Security /0/x/10, Server /1/x/0). Default 123.</summary>
    public int ShortServerId { get; set; } = 123;

    /// <summary>The clock (lifetimes, pmin/pmax). Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object? value, string rule)
        {
            if (!ok)
            {
                throw new ArgumentException($"LwM2M client option '{name}' {rule}, got {value ?? "null"}.", name);
            }
        }

        Check(!string.IsNullOrEmpty(EndpointName), nameof(EndpointName), EndpointName, "is required");
        Check(ServerEndPoint is not null, nameof(ServerEndPoint), ServerEndPoint, "is required");
        Check(LifetimeSeconds >= 1, nameof(LifetimeSeconds), LifetimeSeconds, "must be at least 1");
        Check(Binding != BindingMode.None, nameof(Binding), Binding, "must name a transport");
        Check(UpdateLifetimeFraction is > 0 and < 1, nameof(UpdateLifetimeFraction), UpdateLifetimeFraction, "must be between 0 and 1 (exclusive)");
        Check(RetryDelay > TimeSpan.Zero, nameof(RetryDelay), RetryDelay, "must be positive");
        Check(ShortServerId is >= 1 and <= 65534, nameof(ShortServerId), ShortServerId, "must be between 1 and 65534");
        Check(TimeProvider is not null, nameof(TimeProvider), TimeProvider, "is required");
        Coap?.Validate();
    }
}
