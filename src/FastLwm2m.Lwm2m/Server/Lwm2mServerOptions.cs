using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m;

/// <summary>Options of an <see cref="Lwm2mServer"/>.</summary>
public sealed class Lwm2mServerOptions
{
    /// <summary>The CoAP endpoint (default port 5685 as in the functional reference).</summary>
    public CoapEndpointOptions Coap { get; set; } = new() { Udp = { Port = 5685 } };

    /// <summary>The registration interface.</summary>
    public RegistrationOptions Registration { get; set; } = new();
}
