namespace FastLwm2m.Lwm2m.Tests.Model;

public sealed class RegistryTests
{
    [Fact]
    public void EveryObjectFileOfTheRegistry_ParsesWithoutError()
    {
        Assert.Equal(RegistryArchive.ObjectFileCount, RegistryArchive.Files.Count);
        var errors = new List<string>();
        int models = 0;
        foreach ((string name, byte[] bytes) in RegistryArchive.Files)
        {
            if (DdfParser.TryParse(bytes, name, out IReadOnlyList<ObjectModel> parsed, out string? error))
            {
                Assert.NotEmpty(parsed);
                models += parsed.Count;
            }
            else
            {
                errors.Add(error!);
            }
        }

        Assert.Empty(errors);
        Assert.Equal(RegistryArchive.ObjectFileCount, models);
    }

    [Fact]
    public void EveryFileName_MatchesTheObjectIdAndVersionInside()
    {
        foreach ((string name, byte[] bytes) in RegistryArchive.Files)
        {
            Assert.True(DdfParser.TryParse(bytes, name, out IReadOnlyList<ObjectModel> parsed, out _));
            ObjectModel model = Assert.Single(parsed);
            string file = Path.GetFileNameWithoutExtension(name);
            if (name.StartsWith("version_history/", StringComparison.Ordinal))
            {
                Assert.Equal($"{model.Id}-{model.Version.Major}_{model.Version.Minor}", file);
            }
            else
            {
                Assert.Equal(model.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), file);
            }
        }
    }

    [Fact]
    public void LoadDirectory_WithVersionHistory_LoadsTheWholeRegistry()
    {
        string directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-registry-" + Guid.NewGuid().ToString("N"));
        try
        {
            RegistryArchive.ExtractTo(directory);

            ObjectModelRepository repository = ObjectModelRepository.LoadDirectory(directory, includeVersionHistory: true, out IReadOnlyList<string> errors);

            Assert.Empty(errors);
            int distinct = RegistryArchive.Files
                .Select(f => { DdfParser.TryParse(f.Value, f.Key, out IReadOnlyList<ObjectModel> m, out _); return (m[0].Id, m[0].Version); })
                .Distinct()
                .Count();
            Assert.Equal(distinct, repository.Count);
            Assert.Equal(new ObjectVersion(1, 3), repository.GetLatest(4)!.Version);
            Assert.Equal([new ObjectVersion(1, 0), new ObjectVersion(1, 1), new ObjectVersion(1, 2)], repository.GetVersions(3).Select(m => m.Version));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void LoadDirectory_WithoutVersionHistory_LoadsOnlyTheLatestVersions()
    {
        string directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-registry-" + Guid.NewGuid().ToString("N"));
        try
        {
            RegistryArchive.ExtractTo(directory);

            ObjectModelRepository repository = ObjectModelRepository.LoadDirectory(directory, includeVersionHistory: false, out IReadOnlyList<string> errors);

            Assert.Empty(errors);
            Assert.Equal(RegistryArchive.Files.Keys.Count(k => !k.Contains('/')), repository.Count);
            Assert.Equal(new ObjectVersion(1, 2), Assert.Single(repository.GetVersions(3)).Version);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
