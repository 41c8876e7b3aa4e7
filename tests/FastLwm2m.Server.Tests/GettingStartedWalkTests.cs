using System.Net;
using System.Text.Json;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Storage.Sqlite;

namespace FastLwm2m.Server.Tests;

/// <summary>
/// The guide's getting-started walk end to end: the server and the <c>fastlwm2m</c> CLI as child
/// processes, a client-library device, all on loopback.
/// </summary>
public class GettingStartedWalkTests
{
    /// <summary>The guide's mapping: identity and timezone as attributes, signal and location as observed telemetry.</summary>
    private const string ProfileJson = """
        {
          "objects": [
            {
              "objectId": 3,
              "version": "1.2",
              "resources": [
                { "resourceId": 0, "attribute": true, "key": "manufacturer" },
                { "resourceId": 1, "attribute": true, "key": "modelNumber" },
                { "resourceId": 2, "attribute": true, "key": "serialNumber" },
                { "resourceId": 15, "attribute": true, "key": "timezone" }
              ]
            },
            {
              "objectId": 4,
              "version": "1.3",
              "resources": [
                { "resourceId": 2, "telemetry": true, "observe": true, "key": "radioSignalStrength" },
                { "resourceId": 3, "telemetry": true, "observe": true, "key": "linkQuality" }
              ]
            },
            {
              "objectId": 6,
              "version": "1.0",
              "resources": [
                { "resourceId": 0, "telemetry": true, "observe": true, "key": "latitude" },
                { "resourceId": 1, "telemetry": true, "observe": true, "key": "longitude" }
              ]
            }
          ],
          "observeStrategy": "single"
        }
        """;

    [Fact]
    public async Task GettingStarted_OperatorWithTheCli_ProvisionsADevice_SeesItsData_RebootsIt_AndWritesItsTimezone()
    {
        // Given a server with an operator's API key made before its first start, and no auto-provisioning.
        string directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string apiKey = await CreateApiKeyAsync(Path.Combine(directory, "fastlwm2m.db"));
        await using var server = ServerProcess.Launch(directory: directory);
        await server.WaitUntilListeningAsync();
        var cli = new CliProcess(server, apiKey);

        // The operator uploads the models of objects 3, 4, 5 and 6.
        string ddf = Path.Combine(FindRepositoryRoot(), "src", "FastLwm2m.Lwm2m", "Model", "Ddf");
        string uploaded = await cli.RunOkAsync("models", "upload",
            Path.Combine(ddf, "3-1_2.xml"), Path.Combine(ddf, "4-1_3.xml"), Path.Combine(ddf, "5-1_2.xml"), Path.Combine(ddf, "6-1_0.xml"));
        foreach (string file in new[] { "3-1_2.xml", "4-1_3.xml", "5-1_2.xml", "6-1_0.xml" })
        {
            Assert.Contains(file, uploaded);
        }

        // ... creates a profile from the guide's mapping ...
        string profileFile = Path.Combine(directory, "getting-started.json");
        await File.WriteAllTextAsync(profileFile, ProfileJson);
        string profileCreated = await cli.RunOkAsync("--json", "profiles", "create", "--file", profileFile);
        string profileId;
        using (JsonDocument profile = JsonDocument.Parse(profileCreated))
        {
            profileId = profile.RootElement.GetProperty("profile").GetProperty("id").GetString()!;
        }

        // ... and a NoSec device with it.
        const string endpoint = "walk-device-1";
        string deviceCreated = await cli.RunOkAsync("devices", "create", endpoint, "--nosec", "--profile", profileId);
        Assert.Contains(endpoint, deviceCreated);
        Assert.Contains(profileId, deviceCreated);

        // When the device connects.
        await using var device = new Lwm2mClient(new Lwm2mClientOptions
        {
            EndpointName = endpoint,
            ServerEndPoint = new IPEndPoint(IPAddress.Loopback, server.CoapPort),
            Version = Lwm2mVersion.V1_1,
            LifetimeSeconds = 60,
        });
        var rebooted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        device.Device!.RebootRequested += _ => rebooted.TrySetResult();
        var registered = await device.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(registered.IsSuccess, registered.ToString());

        // Then its identity arrives as attributes.
        await cli.WaitForOutputAsync(
            o => o.Contains("manufacturer") && o.Contains("FastLwm2m") && o.Contains("modelNumber") && o.Contains("Simulated Device")
                && o.Contains("serialNumber") && o.Contains(endpoint),
            "attributes", "get", endpoint);

        // And, once the server observes signal and location, their changes arrive as telemetry.
        await WaitUntilAsync(() => device.ObservationCount >= 4, "the server to observe /4/0/2, /4/0/3, /6/0/0 and /6/0/1");
        device.SetValue(Lwm2mPath.Parse("/4/0/2"), Lwm2mValue.FromInteger(-77));
        device.SetValue(Lwm2mPath.Parse("/6/0/0"), Lwm2mValue.FromFloat(50.45));
        await cli.WaitForOutputAsync(
            o => o.Split('\n').Any(l => l.Contains("radioSignalStrength") && l.Contains("-77"))
                && o.Split('\n').Any(l => l.Contains("latitude") && l.Contains("50.45")),
            "telemetry", "latest", endpoint);

        // When the operator reboots it (Execute /3/0/4), the device is told to.
        var reboot = await cli.RunAsync("rpc", endpoint, "Execute", """{"id":"/3/0/4"}""");
        Assert.True(reboot.ExitCode == 0, reboot.ToString());
        Assert.Contains("CHANGED", reboot.Output);
        await rebooted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // When the operator sets the timezone shared attribute, the device's /3/0/15 is written.
        var timezone = await cli.RunAsync("attributes", "set", endpoint, "timezone", "\"Europe/Kyiv\"");
        Assert.True(timezone.ExitCode == 0, timezone.ToString());
        Assert.Contains("CHANGED", timezone.Output);
        Assert.Equal(OperationResult.Content, device.Read(Lwm2mPath.Parse("/3/0/15"), out Lwm2mNode? node));
        Assert.Equal(Lwm2mValue.FromString("Europe/Kyiv"), Assert.IsType<Lwm2mSingleResource>(node).Value);

        // And the device's transport log has the registration.
        string log = await cli.RunOkAsync("log", endpoint);
        Assert.Contains("Client registered with registration id", log);
    }

    private static async Task<string> CreateApiKeyAsync(string storePath)
    {
        using (var database = await SqliteDatabase.OpenAsync(storePath))
        {
            var created = await new FastLwm2m.Platform.ApiKeys.ApiKeyService(new SqliteApiKeyStore(database))
                .CreateAsync(FastLwm2m.Platform.ApiKeys.ApiKeyRole.SystemAdministrator, FastLwm2m.Platform.TenantId.System, "operator");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return created.Token;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "FastLwm2m.Lwm2m", "Model", "Ddf")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no repository root above " + AppContext.BaseDirectory);
    }
}
