namespace FastLwm2m.Lwm2m.Tests.Model;

public sealed class ObjectModelRepositoryTests
{
    private static ObjectModel Model(int id, byte major, byte minor, string name = "M")
        => new() { Id = id, Name = name, Version = new ObjectVersion(major, minor), Resources = new Dictionary<int, ResourceModel>() };

    [Fact]
    public void TryGet_FindsExactlyTheRequestedVersion()
    {
        var repository = new ObjectModelRepository([Model(3, 1, 0), Model(3, 1, 2), Model(3, 1, 1)]);

        Assert.True(repository.TryGet(3, new ObjectVersion(1, 1), out ObjectModel? model));
        Assert.Equal(new ObjectVersion(1, 1), model.Version);
        Assert.False(repository.TryGet(3, new ObjectVersion(1, 3), out _));
        Assert.False(repository.TryGet(4, ObjectVersion.Default, out _));
    }

    [Fact]
    public void GetLatest_IsTheHighestVersion_WhateverTheOrderOfAdding()
    {
        var repository = new ObjectModelRepository([Model(3, 1, 2), Model(3, 2, 0), Model(3, 1, 10)]);

        Assert.Equal(new ObjectVersion(2, 0), repository.GetLatest(3)!.Version);
        Assert.Equal(new ObjectVersion(2, 0), repository.GetObjectModel(3)!.Version);
        Assert.Null(repository.GetLatest(4));
    }

    [Fact]
    public void GetVersions_AreAscending_AndEmptyForAnUnknownObject()
    {
        var repository = new ObjectModelRepository([Model(3, 1, 2), Model(3, 1, 0), Model(3, 1, 1), Model(5, 1, 0)]);

        Assert.Equal([new ObjectVersion(1, 0), new ObjectVersion(1, 1), new ObjectVersion(1, 2)], repository.GetVersions(3).Select(m => m.Version));
        Assert.Empty(repository.GetVersions(9));
        Assert.Equal(4, repository.Count);
        Assert.Equal([(3, "1.0"), (3, "1.1"), (3, "1.2"), (5, "1.0")], repository.All.Select(m => (m.Id, m.Version.ToString())));
    }

    [Fact]
    public void Add_ReplacesTheSameIdAndVersion_AndReturnsWhatItReplaced()
    {
        var repository = new ObjectModelRepository();
        ObjectModel first = Model(3, 1, 0, "first");
        ObjectModel second = Model(3, 1, 0, "second");

        Assert.Null(repository.Add(first));
        Assert.Same(first, repository.Add(second));
        Assert.Equal(1, repository.Count);
        Assert.Same(second, repository.GetLatest(3));
        Assert.Equal([second], repository.AddRange([Model(3, 1, 0, "third"), Model(3, 1, 1)]));
    }

    [Fact]
    public void ForVersions_UsesTheRegisteredVersion_AndTheLatestForUnregisteredObjects()
    {
        ObjectModelRepository repository = ObjectModelRepository.CreateWithCoreModels();
        var registered = new Dictionary<int, ObjectVersion> { [3] = new(1, 0), [4] = new(1, 1) };

        IObjectModelProvider provider = repository.ForVersions(id => registered.TryGetValue(id, out ObjectVersion v) ? v : null);

        Assert.Equal(new ObjectVersion(1, 0), provider.GetObjectModel(3)!.Version);
        Assert.Equal(new ObjectVersion(1, 1), provider.GetObjectModel(4)!.Version);
        Assert.Equal(new ObjectVersion(1, 2), provider.GetObjectModel(5)!.Version);
        Assert.Null(provider.GetObjectModel(12345));
    }

    [Fact]
    public void ForVersions_GivesNoModel_ForARegisteredVersionTheRepositoryDoesNotKnow()
    {
        ObjectModelRepository repository = ObjectModelRepository.CreateWithCoreModels();

        IObjectModelProvider provider = repository.ForVersions(id => id == 3 ? new ObjectVersion(1, 9) : null);

        Assert.Null(provider.GetObjectModel(3));
    }

    [Fact]
    public void ForVersions_SeesModelsAddedLater()
    {
        var repository = new ObjectModelRepository();
        IObjectModelProvider provider = repository.ForVersions(_ => new ObjectVersion(2, 0));

        repository.Add(Model(3442, 2, 0));

        Assert.NotNull(provider.GetObjectModel(3442));
    }

    [Fact]
    public void CreateWithCoreModels_HoldsTheCoreObjects_InEveryPublishedVersion()
    {
        ObjectModelRepository repository = ObjectModelRepository.CreateWithCoreModels();

        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 9, 19], repository.All.Select(m => m.Id).Distinct());
        Assert.Equal(["1.0", "1.1", "1.2"], repository.GetVersions(3).Select(m => m.Version.ToString()));
        Assert.Equal(["1.0", "1.1", "1.2", "1.3"], repository.GetVersions(4).Select(m => m.Version.ToString()));
        Assert.Equal(["1.0", "1.1", "1.2"], repository.GetVersions(5).Select(m => m.Version.ToString()));
        Assert.Equal(22, repository.Count);
        Assert.Equal("Battery Level", repository.GetLatest(3)!.GetResource(9)!.Name);
        Assert.Equal(ResourceType.None, repository.GetLatest(3)!.GetResource(4)!.Type);
    }

    [Fact]
    public void CreateWithCoreModels_ReturnsIndependentRepositories()
    {
        ObjectModelRepository first = ObjectModelRepository.CreateWithCoreModels();
        ObjectModelRepository second = ObjectModelRepository.CreateWithCoreModels();

        first.Add(Model(3, 9, 9));

        Assert.Equal(new ObjectVersion(9, 9), first.GetLatest(3)!.Version);
        Assert.Equal(new ObjectVersion(1, 2), second.GetLatest(3)!.Version);
    }

    [Fact]
    public async Task Reads_RunConcurrentlyWithWrites_AndNeverSeeAHalfWrite()
    {
        var repository = new ObjectModelRepository([Model(1, 1, 0)]);
        using var stop = new CancellationTokenSource();
        Task reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                IReadOnlyList<ObjectModel> versions = repository.GetVersions(1);
                for (int i = 1; i < versions.Count; i++)
                {
                    Assert.True(versions[i - 1].Version.CompareTo(versions[i].Version) < 0);
                }

                Assert.NotNull(repository.GetLatest(1));
            }
        });

        for (byte minor = 1; minor < 200; minor++)
        {
            repository.Add(Model(1, 1, minor));
        }

        stop.Cancel();
        await reader;
        Assert.Equal(200, repository.GetVersions(1).Count);
    }

    [Fact]
    public void LoadDirectory_ReportsEachBadFile_AndLoadsTheRest()
    {
        string directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-ddf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(directory, "version_history"));
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "3.xml"), RegistryArchive.Read("3.xml"));
            File.WriteAllBytes(Path.Combine(directory, "version_history", "3-1_0.xml"), RegistryArchive.Read("version_history/3-1_0.xml"));
            File.WriteAllText(Path.Combine(directory, "9999.xml"), DdfParserTests.Document(DdfParserTests.Item("9", type: "Integr"), objectHead: "<ObjectID>9999</ObjectID>"));
            File.WriteAllText(Path.Combine(directory, "DDF.xml"), "<DDFList/>");
            File.WriteAllText(Path.Combine(directory, "notes.txt"), "ignored");

            ObjectModelRepository repository = ObjectModelRepository.LoadDirectory(directory, includeVersionHistory: true, out IReadOnlyList<string> errors);

            Assert.Equal(
                ["9999.xml: object 9999, resource 9: unknown type 'Integr'", "DDF.xml: root element is 'DDFList', expected 'LWM2M'"],
                errors.Order(StringComparer.Ordinal));
            Assert.Equal(["1.0", "1.2"], repository.GetVersions(3).Select(m => m.Version.ToString()));
            Assert.Null(repository.GetLatest(9999));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void LoadDirectory_OfAMissingDirectory_ReportsIt()
    {
        string directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-missing-" + Guid.NewGuid().ToString("N"));

        ObjectModelRepository repository = ObjectModelRepository.LoadDirectory(directory, includeVersionHistory: true, out IReadOnlyList<string> errors);

        Assert.Equal(0, repository.Count);
        Assert.Equal($"{directory}: directory not found", Assert.Single(errors));
    }
}
