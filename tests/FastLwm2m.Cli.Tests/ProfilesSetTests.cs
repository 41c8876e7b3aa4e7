using System.Text.Json;

namespace FastLwm2m.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ProfilesSetTests(CliTestHost host)
{
    private static string NewTenant() => "cli-profset-" + Guid.NewGuid().ToString("N")[..8];

    private static JsonElement FindResource(JsonElement config, int objectId, int instanceId, int resourceId)
    {
        foreach (JsonElement obj in config.GetProperty("objects").EnumerateArray())
        {
            if (obj.GetProperty("objectId").GetInt32() != objectId)
            {
                continue;
            }

            foreach (JsonElement res in obj.GetProperty("resources").EnumerateArray())
            {
                int instance = res.TryGetProperty("instanceId", out JsonElement i) ? i.GetInt32() : 0;
                if (instance == instanceId && res.GetProperty("resourceId").GetInt32() == resourceId)
                {
                    return res;
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"/{objectId}/{instanceId}/{resourceId} not in the profile");
    }

    private static bool HasResource(JsonElement config, int objectId, int instanceId, int resourceId)
    {
        try
        {
            FindResource(config, objectId, instanceId, resourceId);
            return true;
        }
        catch (Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    private static async Task<JsonElement> ShowConfigAsync(CliTestHost host, string profile, string tenant)
    {
        CliResult show = await CliRun.RunAsync(host, ["profiles", "show", profile, "--tenant", tenant, "--json"]);
        Assert.True(show.ExitCode == 0, show.ToString());
        using JsonDocument document = JsonDocument.Parse(show.Out);
        string json = document.RootElement.GetProperty("profile").GetProperty("profileJson").GetString()!;
        using JsonDocument config = JsonDocument.Parse(json);
        return config.RootElement.Clone();
    }

    [Fact]
    public async Task SetTelemetryAndStrategy_ShowReflectsIt()
    {
        string tenant = NewTenant();
        CliResult created = await CliRun.RunAsync(host, ["profiles", "create", "--default", "p", "--tenant", tenant]);
        Assert.True(created.ExitCode == 0, created.ToString());

        CliResult set = await CliRun.RunAsync(host, ["profiles", "set", "p", "--telemetry", "/3_1.2/0/9=battery", "--strategy", "composite-all", "--tenant", tenant]);

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains("battery", set.Out);
        JsonElement config = await ShowConfigAsync(host, "p", tenant);
        Assert.Equal("compositeAll", config.GetProperty("observeStrategy").GetString());
        JsonElement battery = FindResource(config, 3, 0, 9);
        Assert.Equal("battery", battery.GetProperty("key").GetString());
        Assert.True(battery.GetProperty("telemetry").GetBoolean());
    }

    [Fact]
    public async Task SetAttributeObserveUnmapInit_ById_Json()
    {
        string tenant = NewTenant();
        CliResult created = await CliRun.RunAsync(host, ["profiles", "create", "--default", "p", "--tenant", tenant, "--json"]);
        Assert.True(created.ExitCode == 0, created.ToString());
        string id;
        using (JsonDocument document = JsonDocument.Parse(created.Out))
        {
            id = document.RootElement.GetProperty("profile").GetProperty("id").GetString()!;
        }

        CliResult set = await CliRun.RunAsync(host,
        [
            "profiles", "set", id,
            "--attribute", "/3_1.2/0/0=maker", "--attribute", "/3_1.2/0/1",
            "--unmap", "/3_1.2/0/9",
            "--observe", "/3_1.2/0/0",
            "--init-with-observe", "true",
            "--tenant", tenant, "--json",
        ]);

        Assert.True(set.ExitCode == 0, set.ToString());
        using (JsonDocument document = JsonDocument.Parse(set.Out))
        {
            Assert.Equal(id, document.RootElement.GetProperty("profile").GetProperty("id").GetString());
        }

        JsonElement config = await ShowConfigAsync(host, id, tenant);
        Assert.True(config.GetProperty("initializeWithObserve").GetBoolean());
        JsonElement maker = FindResource(config, 3, 0, 0);
        Assert.Equal("maker", maker.GetProperty("key").GetString());
        Assert.True(maker.GetProperty("attribute").GetBoolean());
        Assert.True(maker.GetProperty("observe").GetBoolean());
        Assert.True(FindResource(config, 3, 0, 1).GetProperty("attribute").GetBoolean());
        Assert.False(HasResource(config, 3, 0, 9));
    }

    [Theory]
    [InlineData("--telemetry", "/3_1.2/x/9")]
    [InlineData("--telemetry", "3_1.2/0/9")]
    [InlineData("--attribute", "/3_1.2/0")]
    [InlineData("--observe", "/3_1.2/0/9=key")]
    [InlineData("--add-object", "3_x")]
    [InlineData("--strategy", "sometimes")]
    public async Task Set_WithBadFlag_IsUsageError(string option, string value)
    {
        CliResult result = await CliRun.RunAsync(host, ["profiles", "set", "p", option, value, "--tenant", NewTenant()]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Error);
    }

    [Fact]
    public async Task Set_WithNothingToChange_IsUsageError()
    {
        CliResult result = await CliRun.RunAsync(host, ["profiles", "set", "p", "--tenant", NewTenant()]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nothing to change", result.Error);
    }

    [Fact]
    public async Task Set_UnknownObject_IsServerErrorNamingTheField()
    {
        string tenant = NewTenant();
        CliResult created = await CliRun.RunAsync(host, ["profiles", "create", "--default", "p", "--tenant", tenant]);
        Assert.True(created.ExitCode == 0, created.ToString());

        CliResult result = await CliRun.RunAsync(host, ["profiles", "set", "p", "--attribute", "/64999_1.0/0/0", "--tenant", tenant]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("profile_json.objects[", result.Error);
    }

    [Fact]
    public async Task CreateFromYaml_IsTheSameAsJson()
    {
        string tenant = NewTenant();
        string path = Path.Combine(Path.GetTempPath(), "profile-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(path, """
            observeStrategy: compositeByObject
            initializeWithObserve: true
            objects:
              - objectId: 3
                version: 1.2
                resources:
                  - resourceId: 9
                    telemetry: true
                    observe: true
                    key: battery
                  - resourceId: 0
                    attribute: true
            """);
        try
        {
            CliResult created = await CliRun.RunAsync(host, ["profiles", "create", "--file", path, "--name", "y", "--tenant", tenant]);

            Assert.True(created.ExitCode == 0, created.ToString());
            JsonElement config = await ShowConfigAsync(host, "y", tenant);
            Assert.Equal("compositeByObject", config.GetProperty("observeStrategy").GetString());
            Assert.True(config.GetProperty("initializeWithObserve").GetBoolean());
            Assert.Equal("battery", FindResource(config, 3, 0, 9).GetProperty("key").GetString());
            Assert.True(FindResource(config, 3, 0, 0).GetProperty("attribute").GetBoolean());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task CreateFromYaml_Invalid_IsUsageError()
    {
        string path = Path.Combine(Path.GetTempPath(), "profile-" + Guid.NewGuid().ToString("N") + ".yml");
        await File.WriteAllTextAsync(path, "objects: [unclosed\n");
        try
        {
            CliResult result = await CliRun.RunAsync(host, ["profiles", "create", "--file", path, "--tenant", NewTenant()]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("YAML", result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
