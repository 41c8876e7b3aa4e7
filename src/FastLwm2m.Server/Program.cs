using FastLwm2m.Server;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:5690");
builder.Services.Configure<CoapServerOptions>(builder.Configuration.GetSection("FastLwm2m:Coap"));
builder.Services.AddSingleton<CoapServerService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<CoapServerService>());

var app = builder.Build();
app.MapGet("/healthz", (CoapServerService coap) => coap.Endpoint is null ? Results.StatusCode(503) : Results.Ok("ok"));

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
