using System.Net;
using FastLwm2m.Cli;
using FastLwm2m.Coap;
using FastLwm2m.Control;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using FastLwm2m.Platform.ApiKeys;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Platform.TransportLog;
using FastLwm2m.Storage.Sqlite;
using FastLwm2m.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastLwm2m.Cli.Tests.Keys;

/// <summary>
/// <c>keys create|list|revoke</c> against a temporary SQLite file, and the keys they print used by
/// other commands against a host whose control plane authenticates with an <see cref="ApiKeyService"/>
/// over the same file.
/// </summary>
public sealed class KeysCommandsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-cli-keys", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private Lwm2mServer _server = null!;
    private SqliteDatabase _database = null!;
    private ControlContext _platform = null!;
    private string _address = null!;

    private string Store => Path.Combine(_directory, "fastlwm2m.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = await SqliteDatabase.OpenAsync(Store);
        var library = new ModelLibrary(new InMemoryModelStore(), ObjectModelRepository.CreateWithCoreModels());
        var profiles = new ProfileService(new InMemoryProfileStore(), library);
        DeviceService devices = await DeviceService.OpenAsync(new InMemoryDeviceStore());
        _server = new Lwm2mServer(new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
        });
        _server.Start();
        _platform = new ControlContext(_server, library, profiles, devices, new InMemoryTelemetryStore(), new InMemoryTransportLog(), new InMemoryAttributeStore())
        {
            ApiKeys = new ApiKeyService(new SqliteApiKeyStore(_database)),
        };

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddFastLwm2mControl(_platform);
        _app = builder.Build();
        _app.MapFastLwm2mControl();
        await _app.StartAsync();
        _address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _server.StopAsync();
        await _platform.Devices.DisposeAsync();
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await Program.RunAsync(args, new StringReader(""), stdout, stderr).WaitAsync(TimeSpan.FromSeconds(20));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private Task<CliResult> CallAsync(params string[] args) => RunAsync([.. args, "--server", _address, "--timeout", "10"]);

    [Fact]
    public async Task KeysCreate_PrintsAKey_ThatAuthenticatesACall()
    {
        CliResult created = await RunAsync("keys", "create", "--store", Store, "--name", "ops");
        string key = created.Out.Trim();

        CliResult withKey = await CallAsync("models", "list", "--api-key", key);
        CliResult withoutKey = await CallAsync("models", "list");

        Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());
        Assert.StartsWith("flk_", key);
        Assert.True(withKey.ExitCode == ExitCodes.Ok, withKey.ToString());
        Assert.Equal(ExitCodes.Server, withoutKey.ExitCode);
        Assert.Contains("Unauthenticated", withoutKey.Error);
    }

    [Fact]
    public async Task KeysCreate_ForATenant_ActsForThatTenantOnly()
    {
        CliResult created = await RunAsync("keys", "create", "--store", Store, "--name", "acme admin", "--tenant", "acme");
        string key = created.Out.Trim();

        CliResult own = await CallAsync("devices", "list", "--api-key", key);
        CliResult other = await CallAsync("devices", "list", "--api-key", key, "--tenant", "globex");

        Assert.True(own.ExitCode == ExitCodes.Ok, own.ToString());
        Assert.Equal(ExitCodes.Server, other.ExitCode);
        Assert.Contains("PermissionDenied", other.Error);
    }

    [Fact]
    public async Task KeysList_ShowsNoSecret_AndRevokedKeyNoLongerWorks()
    {
        string key = (await RunAsync("keys", "create", "--store", Store, "--name", "temporary")).Out.Trim();
        string id = key.Substring(4, 8);
        string secret = key[13..];

        CliResult listed = await RunAsync("keys", "list", "--store", Store);
        CliResult revoked = await RunAsync("keys", "revoke", "--store", Store, id);
        CliResult call = await CallAsync("models", "list", "--api-key", key);
        CliResult again = await RunAsync("keys", "revoke", "--store", Store, id);

        Assert.Contains(id, listed.Out);
        Assert.Contains("temporary", listed.Out);
        Assert.DoesNotContain(secret, listed.Out);
        Assert.True(revoked.ExitCode == ExitCodes.Ok, revoked.ToString());
        Assert.Contains("Unauthenticated", call.Error);
        Assert.NotEqual(ExitCodes.Ok, again.ExitCode);
    }

    [Fact]
    public async Task ApiKey_FromTheEnvironmentVariableIsUsedToo()
    {
        // The variable is read when the option's default is computed, i.e. at parse time.
        string key = (await RunAsync("keys", "create", "--store", Store, "--name", "env")).Out.Trim();
        string? before = Environment.GetEnvironmentVariable("FASTLWM2M_API_KEY");
        Environment.SetEnvironmentVariable("FASTLWM2M_API_KEY", key);
        try
        {
            CliResult result = await CallAsync("models", "list");
            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("FASTLWM2M_API_KEY", before);
        }
    }

    [Fact]
    public async Task KeysList_MissingStore_IsUsageError()
    {
        CliResult result = await RunAsync("keys", "list", "--store", Path.Combine(_directory, "missing.db"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(_directory, "missing.db")));
    }
}
