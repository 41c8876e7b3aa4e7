namespace FastLwm2m.Cli.Tests;

[Collection(CliCollection.Name)]
public sealed class ModelsCommandsTests(CliTestHost host)
{
    [Fact]
    public async Task Upload_ThenList_ShowsTheModel()
    {
        (string name, byte[] content) = Ddf.Core("3-1_0.xml");
        string dir = Directory.CreateTempSubdirectory("fastlwm2m-cli-").FullName;
        string path = Path.Combine(dir, name);
        await File.WriteAllBytesAsync(path, content);
        try
        {
            CliResult uploaded = await CliRun.RunAsync(host, ["models", "upload", path]);
            CliResult listed = await CliRun.RunAsync(host, ["models", "list"]);
            CliResult json = await CliRun.RunAsync(host, ["models", "list", "--json"]);

            Assert.True(uploaded.ExitCode == 0, uploaded.ToString());
            Assert.Contains("3-1_0.xml", uploaded.Out);
            Assert.Equal(0, listed.ExitCode);
            Assert.Contains(listed.Out.Split('\n'), l => l.StartsWith("3 ", StringComparison.Ordinal) && l.Contains("Device"));
            Assert.Equal(0, json.ExitCode);
            using var document = System.Text.Json.JsonDocument.Parse(json.Out);
            Assert.Contains(document.RootElement.GetProperty("models").EnumerateArray(), m => m.GetProperty("objectId").GetInt32() == 3);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Upload_MissingFile_IsUsageError()
    {
        CliResult result = await CliRun.RunAsync(host, ["models", "upload", "/nonexistent/nothing.xml"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Error);
    }

    [Fact]
    public async Task Delete_UnknownModel_IsServerError()
    {
        CliResult result = await CliRun.RunAsync(host, ["models", "delete", "32000"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("(NotFound)", result.Error);
    }
}
