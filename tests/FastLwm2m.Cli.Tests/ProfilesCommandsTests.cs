using System.Text.Json;

namespace FastLwm2m.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ProfilesCommandsTests(CliTestHost host)
{
    private static string NewTenant() => "cli-profiles-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task CreateDefault_ThenList_ContainsIt()
    {
        string tenant = NewTenant();

        CliResult created = await CliRun.RunAsync(host, ["profiles", "create", "--default", "p1", "--tenant", tenant, "--json"]);
        CliResult list = await CliRun.RunAsync(host, ["profiles", "list", "--json", "--tenant", tenant]);
        CliResult table = await CliRun.RunAsync(host, ["profiles", "list", "--tenant", tenant]);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        using JsonDocument document = JsonDocument.Parse(list.Out);
        JsonElement profile = Assert.Single(document.RootElement.GetProperty("profiles").EnumerateArray());
        Assert.Equal("p1", profile.GetProperty("name").GetString());
        Assert.Contains("\"objectId\":3", profile.GetProperty("profileJson").GetString());
        Assert.Contains("p1", table.Out);
    }

    [Fact]
    public async Task ShowByName_ThenDeleteById_ThenShowIsServerError()
    {
        string tenant = NewTenant();
        CliResult created = await CliRun.RunAsync(host, ["profiles", "create", "--default", "p2", "--tenant", tenant, "--json"]);
        using JsonDocument document = JsonDocument.Parse(created.Out);
        string id = document.RootElement.GetProperty("profile").GetProperty("id").GetString()!;

        CliResult show = await CliRun.RunAsync(host, ["profiles", "show", "p2", "--tenant", tenant]);
        CliResult delete = await CliRun.RunAsync(host, ["profiles", "delete", id, "--tenant", tenant]);
        CliResult again = await CliRun.RunAsync(host, ["profiles", "show", id, "--tenant", tenant]);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains(id, show.Out);
        Assert.Contains("\"objects\"", show.Out);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("NotFound", again.Error);
    }

    [Fact]
    public async Task CreateFromFile_WithBadObject_IsServerErrorNamingTheField()
    {
        string path = Path.Combine(Path.GetTempPath(), "profile-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, """{"objects":[{"objectId":64999,"version":"1.0","resources":[{"resourceId":0,"attribute":true}]}]}""");
        try
        {
            CliResult result = await CliRun.RunAsync(host, ["profiles", "create", "--file", path, "--name", "bad", "--tenant", NewTenant()]);

            Assert.Equal(3, result.ExitCode);
            Assert.Contains("profile_json.objects[", result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Create_WithoutFileOrDefault_IsUsageError()
    {
        CliResult result = await CliRun.RunAsync(host, ["profiles", "create"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--default", result.Error);
    }
}
