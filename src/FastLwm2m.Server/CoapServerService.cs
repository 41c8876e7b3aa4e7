using FastLwm2m.Coap;
using Microsoft.Extensions.Options;

namespace FastLwm2m.Server;

/// <summary>Runs the CoAP endpoint for the lifetime of the host.</summary>
public sealed class CoapServerService(IOptions<CoapServerOptions> options, ILogger<CoapServerService> logger) : IHostedService
{
    private CoapEndpoint? _endpoint;

    /// <summary>The running endpoint.</summary>
    public CoapEndpoint? Endpoint => _endpoint;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var endpointOptions = options.Value.ToEndpointOptions();
        _endpoint = new CoapEndpoint(endpointOptions, new WellKnownCoreHandler());
        _endpoint.Start();
        logger.LogInformation("CoAP listening on udp/{EndPoint} with {Loops} receive loops", _endpoint.LocalEndPoint, endpointOptions.Udp.LoopCount);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_endpoint is not null)
        {
            await _endpoint.StopAsync();
            var c = _endpoint.GetCounters();
            logger.LogInformation("CoAP stopped: {Requests} requests, {Duplicates} duplicates, {Malformed} malformed", c.RequestsReceived, c.DuplicatesReceived, c.MalformedReceived);
        }
    }
}
