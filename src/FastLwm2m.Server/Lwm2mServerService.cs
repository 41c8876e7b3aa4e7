using System.Diagnostics.Metrics;
using FastLwm2m.Lwm2m;
using Microsoft.Extensions.Options;

namespace FastLwm2m.Server;

/// <summary>Runs the LwM2M server for the lifetime of the host and publishes its counters as metrics.</summary>
public sealed class Lwm2mServerService : IHostedService, IDisposable
{
    /// <summary>The meter name (scraped at /metrics).</summary>
    public const string MeterName = "FastLwm2m";

    private readonly IOptions<CoapServerOptions> _coapOptions;
    private readonly IOptions<RegistrationServerOptions> _registrationOptions;
    private readonly IOptions<StorageOptions> _storageOptions;
    private readonly IOptions<FastLwm2m.Platform.ProvisioningOptions> _provisioningOptions;
    private readonly ILogger<Lwm2mServerService> _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Meter _meter;

    /// <summary>Creates the service.</summary>
    public Lwm2mServerService(
        IOptions<CoapServerOptions> coapOptions,
        IOptions<RegistrationServerOptions> registrationOptions,
        IOptions<StorageOptions> storageOptions,
        IOptions<FastLwm2m.Platform.ProvisioningOptions> provisioningOptions,
        ILoggerFactory loggerFactory,
        IMeterFactory meterFactory)
    {
        _coapOptions = coapOptions;
        _registrationOptions = registrationOptions;
        _storageOptions = storageOptions;
        _provisioningOptions = provisioningOptions;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<Lwm2mServerService>();
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableCounter("fastlwm2m.datagrams.received", () => Server?.Coap.GetTransportCounters().DatagramsReceived ?? 0, description: "UDP datagrams received");
        _meter.CreateObservableCounter("fastlwm2m.datagrams.sent", () => Server?.Coap.GetTransportCounters().DatagramsSent ?? 0, description: "UDP datagrams sent");
        _meter.CreateObservableCounter("fastlwm2m.datagrams.dropped", () => Server?.Coap.GetTransportCounters().DatagramsDropped ?? 0, description: "Datagrams dropped");
        _meter.CreateObservableCounter("fastlwm2m.datagrams.malformed", () => Server?.Coap.GetTransportCounters().DatagramsMalformed ?? 0, description: "Datagrams that were not CoAP");
        _meter.CreateObservableCounter("fastlwm2m.coap.duplicates", () => Server?.Coap.GetCounters().DuplicatesReceived ?? 0, description: "Duplicate CoAP messages answered from the deduplication cache");
        _meter.CreateObservableCounter("fastlwm2m.coap.retransmissions", () => Server?.Coap.GetCounters().Retransmissions ?? 0, description: "CON retransmissions sent");
        _meter.CreateObservableCounter("fastlwm2m.registrations", () => Server?.Registrations.GetCounters().Registrations ?? 0, description: "Register operations accepted");
        _meter.CreateObservableCounter("fastlwm2m.updates", () => Server?.Registrations.GetCounters().Updates ?? 0, description: "Update operations accepted");
        _meter.CreateObservableCounter("fastlwm2m.deregistrations", () => Server?.Registrations.GetCounters().Deregistrations ?? 0, description: "De-register operations");
        _meter.CreateObservableCounter("fastlwm2m.expirations", () => Server?.Registrations.GetCounters().Expirations ?? 0, description: "Registrations whose lifetime expired");
        _meter.CreateObservableCounter("fastlwm2m.registrations.rejected", () => Server?.Registrations.GetCounters().Rejected ?? 0, description: "Register/Update requests refused as malformed (4.00)");
        _meter.CreateObservableGauge("fastlwm2m.registrations.current", () => Server?.Registrations.Store.Count ?? 0, description: "Registered clients");
    }

    /// <summary>The running server.</summary>
    public Lwm2mServer? Server { get; private set; }

    /// <summary>The platform (store, models, profiles, devices).</summary>
    public PlatformServices? Platform { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var coap = _coapOptions.Value.ToEndpointOptions();
        var registration = _registrationOptions.Value.ToRegistrationOptions();
        var provisioning = _provisioningOptions.Value;
        Platform = await PlatformServices.OpenAsync(_storageOptions.Value, provisioning, _loggerFactory, cancellationToken);
        var options = new Lwm2mServerOptions
        {
            Coap = coap,
            Registration = registration,
            Authorizer = Platform.Authorizer,
            DeferNotificationAcknowledgement = true, // a CON notification is ACKed once its telemetry is committed
            Models = r => Platform.Models.ForClient(provisioning.TenantId, r.GetObjectVersion),
        };
        Server = new Lwm2mServer(options, logger: _loggerFactory.CreateLogger("FastLwm2m.Lwm2m"));
        Platform.Attach(Server);
        Server.Start();
        _logger.LogInformation(
            "LwM2M server listening on udp/{EndPoint} (CoAP) with {Loops} receive loops; store {Store}; auto-provisioning of NoSec devices {AutoProvision}",
            Server.LocalEndPoint, coap.Udp.LoopCount, Platform.Database.Path, provisioning.AutoProvisionNoSec ? "on" : "off");
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Server is { } server)
        {
            await server.StopAsync();
            var c = server.Registrations.GetCounters();
            _logger.LogInformation("LwM2M server stopped: {Registrations} registrations, {Updates} updates, {Current} registered", c.Registrations, c.Updates, c.Current);
        }

        if (Platform is { } platform)
        {
            await platform.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
