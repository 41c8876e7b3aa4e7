using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// An observation the server holds on a client (Core §6.4.4 Observe, §6.4.6 Observe-Composite),
/// kept per registration and cancelled when the client de-registers or registers again.
/// </summary>
public sealed class Lwm2mObservation
{
    internal Lwm2mObservation(string registrationId, string endpoint, IReadOnlyList<Lwm2mPath> paths, bool composite, ushort contentFormat)
    {
        RegistrationId = registrationId;
        Endpoint = endpoint;
        Paths = paths;
        IsComposite = composite;
        ContentFormat = contentFormat;
    }

    /// <summary>The registration it belongs to.</summary>
    public string RegistrationId { get; }

    /// <summary>The client's endpoint name.</summary>
    public string Endpoint { get; }

    /// <summary>The observed path (Observe) or paths (Observe-Composite).</summary>
    public IReadOnlyList<Lwm2mPath> Paths { get; }

    /// <summary>Whether it is an Observe-Composite.</summary>
    public bool IsComposite { get; }

    /// <summary>The content format asked for.</summary>
    public ushort ContentFormat { get; }

    /// <summary>The CoAP token (hex) identifying it.</summary>
    public string Token => CoapObservation?.Token.ToString() ?? "";

    /// <summary>Whether notifications still arrive.</summary>
    public bool IsActive => CoapObservation?.IsActive == true && !Cancelled;

    internal CoapObservation? CoapObservation { get; set; }

    internal volatile bool Cancelled;

    /// <inheritdoc />
    public override string ToString() => $"{(IsComposite ? "Observe-Composite" : "Observe")} {string.Join(",", Paths)} on {Endpoint}";
}
