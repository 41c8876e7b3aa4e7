using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Transport;

namespace FastLwm2m.Server;

/// <summary>
/// The "FastLwm2m:Coap" configuration section (environment: FastLwm2m__Coap__Port=5685).
/// </summary>
public sealed class CoapServerOptions
{
    /// <summary>Address to bind; "::" (default) is dual-mode IPv6 + IPv4.</summary>
    public string Address { get; set; } = "::";

    /// <summary>Plain CoAP port. Default 5685, as in the functional reference.</summary>
    public int Port { get; set; } = 5685;

    /// <summary>Receive loops; 0 (default) means one per core.</summary>
    public int LoopCount { get; set; }

    /// <summary>SO_RCVBUF; default 4 MiB.</summary>
    public int ReceiveBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>SO_SNDBUF; default 4 MiB.</summary>
    public int SendBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Builds validated endpoint options; throws naming the configuration key of a bad value.</summary>
    public CoapEndpointOptions ToEndpointOptions()
    {
        if (!IPAddress.TryParse(Address, out var address))
        {
            throw new OptionsException("FastLwm2m:Coap:Address", $"'{Address}' is not an IP address");
        }

        var options = new CoapEndpointOptions
        {
            Udp = new UdpEndpointOptions
            {
                Address = address,
                Port = Port,
                LoopCount = LoopCount == 0 ? Environment.ProcessorCount : LoopCount,
                ReceiveBufferBytes = ReceiveBufferBytes,
                SendBufferBytes = SendBufferBytes,
            },
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new OptionsException($"FastLwm2m:Coap:{e.ParamName}", e.Message);
        }

        return options;
    }
}

/// <summary>A configuration value that stops start-up; the message names the key.</summary>
public sealed class OptionsException(string key, string problem)
    : Exception($"Invalid configuration '{key}': {problem}.")
{
    /// <summary>The configuration key.</summary>
    public string Key { get; } = key;
}
