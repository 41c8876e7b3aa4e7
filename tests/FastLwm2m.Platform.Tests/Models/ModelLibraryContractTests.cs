using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Tests.Models;

/// <summary>
/// The behaviour of <see cref="ModelLibrary"/> and of an <see cref="IModelStore"/>, run against each
/// store implementation by a derived class.
/// </summary>
public abstract class ModelLibraryContractTests : IAsyncLifetime
{
    protected static readonly TenantId Acme = new("acme");
    protected static readonly TenantId Globex = new("globex");
    private static readonly ObjectVersion V1_0 = new(1, 0);
    private static readonly ObjectVersion V1_1 = new(1, 1);

    protected IModelStore Store { get; private set; } = null!;

    protected ModelLibrary Library { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IModelStore> CreateStoreAsync();

    public virtual async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        Library = new ModelLibrary(Store);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Upload_SystemModels_AreListedAsSystemForEveryViewer()
    {
        ModelUploadResult result = await Library.UploadAsync(TenantId.System, [DdfFiles.Core("3-1_1.xml"), DdfFiles.Core("19-1_0.xml")]);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([(3, V1_1), (19, V1_0)], result.Added.Select(m => (m.ObjectId, m.Version)));
        Assert.Empty(result.Replaced);
        foreach (TenantId viewer in new[] { TenantId.System, Acme, Globex })
        {
            IReadOnlyList<ModelInfo> list = await Library.ListAsync(viewer);
            Assert.Equal([(3, V1_1), (19, V1_0)], list.Select(m => (m.ObjectId, m.Version)));
            Assert.All(list, m => Assert.Equal(ModelLevel.System, m.Level));
        }
    }

    [Fact]
    public async Task Upload_Version_ComesFromObjectVersionOr1_0WhenAbsent()
    {
        ModelUploadResult result = await Library.UploadAsync(
            TenantId.System, [DdfFiles.Core("3-1_0.xml"), DdfFiles.Core("3-1_2.xml"), DdfFiles.Object(10241), DdfFiles.Object(10242, "2.3")]);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            [(3, V1_0), (3, new ObjectVersion(1, 2)), (10241, V1_0), (10242, new ObjectVersion(2, 3))],
            (await Library.ListAsync(TenantId.System)).Select(m => (m.ObjectId, m.Version)));
        ModelInfo? device = await Library.GetAsync(Acme, 3, V1_0);
        Assert.NotNull(device);
        Assert.Equal("Device", device.Name);
    }

    [Fact]
    public async Task Upload_TenantModels_AreSeenByThatTenantOnly()
    {
        Assert.True((await Library.UploadAsync(Acme, [DdfFiles.Object(10241)])).Succeeded);

        ModelInfo own = Assert.Single(await Library.ListAsync(Acme));
        Assert.Equal(ModelLevel.Tenant, own.Level);
        Assert.Equal(Acme, own.Scope);
        Assert.Empty(await Library.ListAsync(Globex));
        Assert.Empty(await Library.ListAsync(TenantId.System));
        Assert.Null(await Library.GetAsync(Globex, 10241, V1_0));
        Assert.Null(await Library.GetAsync(TenantId.System, 10241, V1_0));
        Assert.NotNull(await Library.GetAsync(Acme, 10241, V1_0));
    }

    [Fact]
    public async Task Upload_TenantModelOfSameIdAndVersion_OverridesSystemModelForThatTenantOnly()
    {
        await Library.UploadAsync(TenantId.System, [DdfFiles.Object(10241, name: "System"), DdfFiles.Object(10242, name: "System")]);

        ModelUploadResult result = await Library.UploadAsync(Acme, [DdfFiles.Object(10241, name: "Acme")]);

        Assert.True(result.Succeeded, result.Error);
        Assert.Single(result.Added);
        Assert.Empty(result.Replaced);
        IReadOnlyList<ModelInfo> acme = await Library.ListAsync(Acme);
        Assert.Equal([(10241, "Acme", ModelLevel.Tenant), (10242, "System", ModelLevel.System)], acme.Select(m => (m.ObjectId, m.Name, m.Level)));
        Assert.Equal("Acme", (await Library.GetAsync(Acme, 10241, V1_0))!.Name);
        Assert.Equal("System", (await Library.GetAsync(Globex, 10241, V1_0))!.Name);
        Assert.All(await Library.ListAsync(Globex), m => Assert.Equal("System", m.Name));
    }

    [Fact]
    public async Task Upload_SameIdAndVersionAgain_IsReportedAsReplaced()
    {
        await Library.UploadAsync(Acme, [DdfFiles.Object(10241, name: "First")]);

        ModelUploadResult result = await Library.UploadAsync(Acme, [DdfFiles.Object(10241, name: "Second"), DdfFiles.Object(10241, "1.1")]);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Second", Assert.Single(result.Replaced).Name);
        Assert.Equal(V1_1, Assert.Single(result.Added).Version);
        Assert.Equal(["Second", "Test 10241"], (await Library.ListAsync(Acme)).Select(m => m.Name));
    }

    [Fact]
    public async Task Upload_BatchWithOneBadFile_StoresNothingAndNamesFileAndProblem()
    {
        await Library.UploadAsync(Acme, [DdfFiles.Object(10241, name: "Before")]);

        ModelUploadResult result = await Library.UploadAsync(Acme,
        [
            DdfFiles.Core("3-1_1.xml"),
            DdfFiles.Object(10241, name: "After"),
            DdfFiles.Object(10243, resourceType: "Integr", fileName: "bad.xml"),
            DdfFiles.Object(10244),
        ]);

        Assert.False(result.Succeeded);
        Assert.Equal("bad.xml: object 10243, resource 3: unknown type 'Integr'", result.Error);
        Assert.Empty(result.Added);
        Assert.Empty(result.Replaced);
        Assert.Equal([(10241, "Before")], (await Library.ListAsync(Acme)).Select(m => (m.ObjectId, m.Name)));
        Assert.Equal([(10241, "Before")], (await Store.ListAsync(Acme)).Select(r => (r.ObjectId, r.Name)));
    }

    [Theory]
    [InlineData("not xml at all", "junk.xml: not well-formed XML")]
    [InlineData("<html/>", "junk.xml: root element is 'html', expected 'LWM2M'")]
    [InlineData("<LWM2M><Object ObjectType=\"CommonResources\"/></LWM2M>", "junk.xml: no object definition")]
    public async Task Upload_FileThatIsNotAnObjectDefinition_IsRejectedNamingIt(string content, string expectedStart)
    {
        ModelUploadResult result = await Library.UploadAsync(TenantId.System, [DdfFiles.Object(10241), ("junk.xml", System.Text.Encoding.UTF8.GetBytes(content))]);

        Assert.False(result.Succeeded);
        Assert.StartsWith(expectedStart, result.Error);
        Assert.Empty(await Store.ListAsync(TenantId.System));
    }

    [Fact]
    public async Task Upload_BatchDefiningTheSameModelTwice_IsRejected()
    {
        ModelUploadResult result = await Library.UploadAsync(Acme, [DdfFiles.Object(10241, fileName: "a.xml"), DdfFiles.Object(10241, "1.0", fileName: "b.xml")]);

        Assert.False(result.Succeeded);
        Assert.Equal("b.xml: object 10241 version 1.0 is also defined in a.xml", result.Error);
        Assert.Empty(await Library.ListAsync(Acme));
    }

    [Fact]
    public async Task Upload_NoFiles_IsRejected()
    {
        ModelUploadResult result = await Library.UploadAsync(Acme, []);

        Assert.False(result.Succeeded);
        Assert.Equal("no files", result.Error);
    }

    [Fact]
    public async Task Get_ReturnsTheOriginalFileForReExport()
    {
        (string fileName, byte[] content) = DdfFiles.Core("3-1_2.xml");
        await Library.UploadAsync(TenantId.System, [(fileName, content)]);

        ModelInfo? model = await Library.GetAsync(Acme, 3, new ObjectVersion(1, 2));

        Assert.NotNull(model);
        Assert.Equal(fileName, model.FileName);
        Assert.Equal(content, model.Content.ToArray());
    }

    [Fact]
    public async Task Delete_TenantNamingASystemModel_IsForbiddenAndTheModelStays()
    {
        await Library.UploadAsync(TenantId.System, [DdfFiles.Core("3-1_1.xml")]);

        ModelDeleteResult result = await Library.DeleteAsync(Acme, 3, V1_1);

        Assert.Equal(ModelDeleteStatus.Forbidden, result.Status);
        Assert.Equal("object 3 version 1.1 is a system model; tenant 'acme' cannot delete it", result.Reason);
        Assert.Null(result.Deleted);
        Assert.NotNull(await Library.GetAsync(Acme, 3, V1_1));
    }

    [Fact]
    public async Task Delete_TenantOverride_MakesTheSystemModelVisibleAgain()
    {
        await Library.UploadAsync(TenantId.System, [DdfFiles.Object(10241, name: "System")]);
        await Library.UploadAsync(Acme, [DdfFiles.Object(10241, name: "Acme")]);

        ModelDeleteResult result = await Library.DeleteAsync(Acme, 10241, V1_0);

        Assert.Equal(ModelDeleteStatus.Deleted, result.Status);
        Assert.Equal("Acme", result.Deleted!.Name);
        Assert.Equal("System", (await Library.GetAsync(Acme, 10241, V1_0))!.Name);
        Assert.Equal(ModelDeleteStatus.Forbidden, (await Library.DeleteAsync(Acme, 10241, V1_0)).Status);
    }

    [Fact]
    public async Task Delete_SystemModel_BySystem_LeavesTenantOverrides()
    {
        await Library.UploadAsync(TenantId.System, [DdfFiles.Object(10241, name: "System")]);
        await Library.UploadAsync(Acme, [DdfFiles.Object(10241, name: "Acme")]);

        ModelDeleteResult result = await Library.DeleteAsync(TenantId.System, 10241, V1_0);

        Assert.Equal(ModelDeleteStatus.Deleted, result.Status);
        Assert.Equal(ModelLevel.System, result.Deleted!.Level);
        Assert.Null(await Library.GetAsync(Globex, 10241, V1_0));
        Assert.Equal("Acme", (await Library.GetAsync(Acme, 10241, V1_0))!.Name);
    }

    [Fact]
    public async Task Delete_MissingModel_IsNotFound()
    {
        await Library.UploadAsync(Globex, [DdfFiles.Object(10241)]);

        ModelDeleteResult byTenant = await Library.DeleteAsync(Acme, 10241, V1_0);
        ModelDeleteResult bySystem = await Library.DeleteAsync(TenantId.System, 10241, V1_0);

        Assert.Equal(ModelDeleteStatus.NotFound, byTenant.Status);
        Assert.Equal("object 10241 version 1.0 not found", byTenant.Reason);
        Assert.Equal(ModelDeleteStatus.NotFound, bySystem.Status);
        Assert.Single(await Library.ListAsync(Globex));
    }

    [Fact]
    public async Task ForClient_ResolvesRegisteredVersionTenantFirstThenSystem()
    {
        await Library.UploadAsync(TenantId.System, [DdfFiles.Core("3-1_0.xml"), DdfFiles.Core("3-1_1.xml"), DdfFiles.Object(10241, name: "System")]);
        await Library.UploadAsync(Acme, [DdfFiles.Object(10241, name: "Acme")]);
        var registered = new Dictionary<int, ObjectVersion> { [3] = V1_0, [10241] = V1_0, [4] = V1_0 };
        Func<int, ObjectVersion?> versions = id => registered.TryGetValue(id, out ObjectVersion v) ? v : null;

        IObjectModelProvider acme = Library.ForClient(Acme, versions);
        IObjectModelProvider globex = Library.ForClient(Globex, versions);

        Assert.Equal(V1_0, acme.GetObjectModel(3)!.Version);
        Assert.Equal("Acme", acme.GetObjectModel(10241)!.Name);
        Assert.Equal("System", globex.GetObjectModel(10241)!.Name);
        Assert.Null(acme.GetObjectModel(4));
        registered.Remove(3);
        Assert.Equal(V1_1, acme.GetObjectModel(3)!.Version);
    }

    [Fact]
    public async Task ForClient_SeesUploadsAndDeletesAtOnce()
    {
        IObjectModelProvider acme = Library.ForClient(Acme, _ => null);
        Assert.Null(acme.GetObjectModel(10241));

        await Library.UploadAsync(TenantId.System, [DdfFiles.Object(10241, name: "System")]);
        Assert.Equal("System", acme.GetObjectModel(10241)!.Name);

        await Library.UploadAsync(Acme, [DdfFiles.Object(10241, name: "Acme")]);
        Assert.Equal("Acme", acme.GetObjectModel(10241)!.Name);

        await Library.UploadAsync(TenantId.System, [DdfFiles.Object(10241, "1.1", name: "Newer")]);
        Assert.Equal("Newer", acme.GetObjectModel(10241)!.Name);

        await Library.DeleteAsync(TenantId.System, 10241, V1_1);
        await Library.DeleteAsync(Acme, 10241, V1_0);
        Assert.Equal("System", acme.GetObjectModel(10241)!.Name);
    }

    [Fact]
    public async Task ForClient_FallsBackToBuiltInModels()
    {
        var library = new ModelLibrary(Store, ObjectModelRepository.CreateWithCoreModels());
        await library.UploadAsync(Acme, [DdfFiles.Object(10241)]);

        IObjectModelProvider provider = library.ForClient(Acme, id => id == 3 ? V1_1 : null);

        Assert.Equal(V1_1, provider.GetObjectModel(3)!.Version);
        Assert.Equal("Test 10241", provider.GetObjectModel(10241)!.Name);
        Assert.Empty(await library.ListAsync(TenantId.System));
    }

    [Fact]
    public async Task NewLibrary_OverTheSameStore_LoadsWhatWasStored()
    {
        await Library.UploadAsync(TenantId.System, [DdfFiles.Core("3-1_1.xml")]);
        await Library.UploadAsync(Acme, [DdfFiles.Object(10241)]);

        var reopened = new ModelLibrary(Store);
        await reopened.PreloadAsync(Acme);

        Assert.Equal([3, 10241], (await reopened.ListAsync(Acme)).Select(m => m.ObjectId));
        Assert.Equal("Device", reopened.ForClient(Acme, _ => null).GetObjectModel(3)!.Name);
    }

    [Fact]
    public async Task Store_Upsert_ReturnsTheRowsItReplaced()
    {
        ModelRecord first = Record(Acme, 10241, "first");
        Assert.Empty(await Store.UpsertAsync([first, Record(Globex, 10241, "other")]));

        IReadOnlyList<ModelRecord> replaced = await Store.UpsertAsync([Record(Acme, 10241, "second"), Record(Acme, 10242, "new")]);

        ModelRecord old = Assert.Single(replaced);
        Assert.Equal((Acme, 10241, "first"), (old.Scope, old.ObjectId, old.Name));
        Assert.Equal(first.Content.ToArray(), old.Content.ToArray());
        Assert.Equal(first.UpdatedAt, old.UpdatedAt);
        Assert.Equal(["second", "new"], (await Store.ListAsync(Acme)).Select(r => r.Name));
    }

    [Fact]
    public async Task Store_Delete_ReturnsTheRowItRemoved()
    {
        await Store.UpsertAsync([Record(Acme, 10241, "mine"), Record(TenantId.System, 10241, "system")]);

        ModelRecord? removed = await Store.DeleteAsync(Acme, 10241, V1_0);

        Assert.Equal("mine", removed?.Name);
        Assert.Null(await Store.DeleteAsync(Acme, 10241, V1_0));
        Assert.Null(await Store.GetAsync(Acme, 10241, V1_0));
        Assert.Equal("system", (await Store.GetAsync(TenantId.System, 10241, V1_0))?.Name);
    }

    private static ModelRecord Record(TenantId scope, int id, string name) => new()
    {
        Scope = scope,
        ObjectId = id,
        Version = V1_0,
        Name = name,
        FileName = $"{id}.xml",
        Content = System.Text.Encoding.UTF8.GetBytes($"<{name}/>"),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
    };
}
