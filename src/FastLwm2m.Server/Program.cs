using FastLwm2m.Server;
using OpenTelemetry.Metrics;
using ZLogger;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddZLoggerConsole(options => options.UsePlainTextFormatter(formatter =>
    formatter.SetPrefixFormatter($"{0:local-longdate} {1:short} {2}: ", (in MessageTemplate template, in LogInfo info) => template.Format(info.Timestamp, info.LogLevel, info.Category))));

builder.WebHost.UseUrls(builder.Configuration["FastLwm2m:Http:Urls"] ?? "http://127.0.0.1:5690");
builder.Services.Configure<CoapServerOptions>(builder.Configuration.GetSection("FastLwm2m:Coap"));
builder.Services.Configure<RegistrationServerOptions>(builder.Configuration.GetSection("FastLwm2m:Registration"));
builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection("FastLwm2m:Storage"));
builder.Services.Configure<FastLwm2m.Platform.ProvisioningOptions>(builder.Configuration.GetSection(FastLwm2m.Platform.ProvisioningOptions.SectionName));
builder.Services.AddSingleton<Lwm2mServerService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Lwm2mServerService>());
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(Lwm2mServerService.MeterName, "System.Runtime")
    .AddPrometheusExporter());

var app = builder.Build();
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapGet("/healthz", (Lwm2mServerService lwm2m) => lwm2m.Server is null ? Results.StatusCode(503) : Results.Ok("ok"));

try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
