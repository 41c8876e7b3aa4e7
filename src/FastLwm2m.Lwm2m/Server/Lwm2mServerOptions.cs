using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m;

/// <summary>Options of an <see cref="Lwm2mServer"/>.</summary>
public sealed class Lwm2mServerOptions
{
    /// <summary>The CoAP endpoint (default port 5685 as in the functional reference).</summary>
    public CoapEndpointOptions Coap { get; set; } = new() { Udp = { Port = 5685 } };

    /// <summary>The registration interface.</summary>
    public RegistrationOptions Registration { get; set; } = new();

    /// <summary>Who may register; null: anyone (a quick start without device management). Refused → 4.03.</summary>
    public IRegistrationAuthorizer? Authorizer { get; set; }

    /// <summary>
    /// Hold back the ACK of every confirmable notification until the application calls
    /// <see cref="Lwm2mNotification.Acknowledgement"/>'s Acknowledge (e.g. after its store committed
    /// the values), so that a crash never loses an acknowledged notification. Default false: ACK on
    /// acceptance by <see cref="Lwm2mServer.NotificationHandler"/>.
    /// </summary>
    public bool DeferNotificationAcknowledgement { get; set; }

    /// <summary>Content formats the server speaks (null: every format FastLwm2m implements).</summary>
    public Codecs.Lwm2mCodecs? Codecs { get; set; }

    /// <summary>
    /// The object models to use for a client (TLV and text carry no types), typically the models
    /// of the versions it registered. Null: the core models (objects 0-7, 9, 19 of the OMA
    /// registry) in the versions the client registered.
    /// </summary>
    public Func<Registration, IObjectModelProvider>? Models { get; set; }

    /// <summary>Format for LwM2M 1.1+ clients when the operation does not name one. Default SenML CBOR (112).</summary>
    public ushort PreferredContentFormat { get; set; } = FastLwm2m.Coap.CoapContentFormat.SenmlCbor;

    /// <summary>Format for LwM2M 1.0 clients. Default TLV (11542).</summary>
    public ushort Lwm2m10ContentFormat { get; set; } = FastLwm2m.Coap.CoapContentFormat.Lwm2mTlv;
}
