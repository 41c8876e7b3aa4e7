using System.Net;
using FastLwm2m.Control;
using FastLwm2m.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry.Metrics;
using ZLogger;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddZLoggerConsole(options => options.UsePlainTextFormatter(formatter =>
    formatter.SetPrefixFormatter($"{0:local-longdate} {1:short} {2}: ", (in MessageTemplate template, in LogInfo info) => template.Format(info.Timestamp, info.LogLevel, info.Category))));

// Two listeners: the gRPC control plane (HTTP/2 cleartext, 127.0.0.1:5690 by default) and plain
// HTTP/1.1 for /metrics and /healthz (127.0.0.1:5691), since cleartext HTTP/2 needs its own port.
// Off loopback the control plane needs TLS: FastLwm2m:Control:CertificatePath (PFX) and
// CertificatePassword; then its URL is https://. On loopback, cleartext HTTP/2 is allowed.
IPEndPoint controlEndPoint, httpEndPoint;
System.Security.Cryptography.X509Certificates.X509Certificate2? controlCertificate;
try
{
    string controlUrl = builder.Configuration["FastLwm2m:Control:Url"] ?? "http://127.0.0.1:5690";
    controlEndPoint = ParseEndPoint(controlUrl, "FastLwm2m:Control:Url", allowHttps: true);
    httpEndPoint = ParseEndPoint(builder.Configuration["FastLwm2m:Http:Urls"] ?? "http://127.0.0.1:5691", "FastLwm2m:Http:Urls", allowHttps: false);
    controlCertificate = LoadControlCertificate(builder.Configuration, controlUrl, controlEndPoint);
}
catch (OptionsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(controlEndPoint, o =>
    {
        o.Protocols = HttpProtocols.Http2;
        if (controlCertificate is not null)
        {
            o.UseHttps(controlCertificate);
        }
    });
    kestrel.Listen(httpEndPoint, o => o.Protocols = HttpProtocols.Http1);
});
builder.Services.Configure<CoapServerOptions>(builder.Configuration.GetSection("FastLwm2m:Coap"));
builder.Services.Configure<RegistrationServerOptions>(builder.Configuration.GetSection("FastLwm2m:Registration"));
builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection("FastLwm2m:Storage"));
builder.Services.Configure<FastLwm2m.Platform.ProvisioningOptions>(builder.Configuration.GetSection(FastLwm2m.Platform.ProvisioningOptions.SectionName));
builder.Services.AddSingleton<Lwm2mServerService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Lwm2mServerService>());
bool requireApiKeys = builder.Configuration.GetValue("FastLwm2m:Control:RequireApiKeys", true);
builder.Services.AddSingleton(sp =>
{
    // Resolved at the first control-plane call, after the LwM2M server and the store started.
    var lwm2m = sp.GetRequiredService<Lwm2mServerService>();
    var platform = lwm2m.Platform ?? throw new InvalidOperationException("The LwM2M server is not started.");
    return new ControlContext(lwm2m.Server!, platform.Models, platform.Profiles, platform.Devices, platform.TelemetryStore, platform.TransportLog, platform.Attributes)
    {
        SharedAttributes = platform.SharedAttributes,
        TelemetryPipeline = platform.Telemetry, // telemetry events on the Events stream

        // Every call needs an API key (`fastlwm2m keys create --store fastlwm2m.db --name admin`),
        // unless FastLwm2m:Control:RequireApiKeys is false (a trusted loopback-only set-up).
        ApiKeys = requireApiKeys ? new FastLwm2m.Platform.ApiKeys.ApiKeyService(new FastLwm2m.Storage.Sqlite.SqliteApiKeyStore(platform.Database)) : null,

        // RPCs to a sleeping queue-mode device answer QUEUED and go out when it wakes; Rpc.GetQueued tells what became of them.
        Downlink = platform.Downlink,
        RpcExecutor = (registration, method, parameters, cancellationToken) =>
            platform.Downlink!.ExecuteAsync(registration, method, parameters, cancellationToken: cancellationToken),
    };
});
builder.Services.AddFastLwm2mControl();
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(Lwm2mServerService.MeterName, "System.Runtime")
    .AddPrometheusExporter());

var app = builder.Build();
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapGet("/healthz", (Lwm2mServerService lwm2m) => lwm2m.Server is null ? Results.StatusCode(503) : Results.Ok("ok"));
app.MapFastLwm2mControl();

try
{
    await app.StartAsync();
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
    var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FastLwm2m.Server");
    if (addresses.Length == 2)
    {
        log.LogInformation("gRPC control plane on {Control} (HTTP/2); metrics and health on {Http}", addresses[0], addresses[1]);
    }

    await app.WaitForShutdownAsync();
    return 0;
}
catch (OptionsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static IPEndPoint ParseEndPoint(string url, string key, bool allowHttps)
{
    if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
        || !(uri.Scheme == "http" || (allowHttps && uri.Scheme == "https"))
        || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
    {
        throw new OptionsException(key, $"'{url}' is not an {(allowHttps ? "http(s)" : "http")}://IP:PORT address");
    }

    return new IPEndPoint(address, uri.Port);
}

static System.Security.Cryptography.X509Certificates.X509Certificate2? LoadControlCertificate(IConfiguration configuration, string url, IPEndPoint endPoint)
{
    string? path = configuration["FastLwm2m:Control:CertificatePath"];
    bool https = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    if (string.IsNullOrEmpty(path))
    {
        if (https)
        {
            throw new OptionsException("FastLwm2m:Control:CertificatePath", "an https:// control URL needs a certificate (PFX file)");
        }

        if (!IPAddress.IsLoopback(endPoint.Address))
        {
            throw new OptionsException("FastLwm2m:Control:Url", $"the control plane is bound to {endPoint.Address}, off loopback: it needs TLS (https:// and FastLwm2m:Control:CertificatePath)");
        }

        return null;
    }

    if (!https)
    {
        throw new OptionsException("FastLwm2m:Control:Url", "a certificate is configured: the control URL must be https://");
    }

    try
    {
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, configuration["FastLwm2m:Control:CertificatePassword"]);
    }
    catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
    {
        throw new OptionsException("FastLwm2m:Control:CertificatePath", $"cannot load '{path}': {e.Message}");
    }
}
