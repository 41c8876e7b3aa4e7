using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Tests.Profiles;

namespace FastLwm2m.Storage.Sqlite.Tests.Profiles;

/// <summary>The profile service contract over <see cref="SqliteProfileStore"/> in a temporary file, and what only a file can show.</summary>
public sealed class SqliteProfileServiceTests : ProfileServiceContractTests
{
    private readonly TemporaryDatabaseDirectory _directory = new();

    protected override async Task<IProfileStore> CreateStoreAsync()
    {
        return new SqliteProfileStore(await _directory.OpenAsync());
    }

    public override Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Profile_SurvivesReopeningTheFile()
    {
        DeviceProfile draft = GettingStarted() with
        {
            Transport = GettingStarted().Transport with
            {
                ObserveStrategy = ObserveStrategy.CompositeByObject,
                NotificationAttributes = new Dictionary<Lwm2mPath, NotificationAttributes> { [Lwm2mPath.Parse("/3/0")] = new() { Pmin = 5, GreaterThan = 1.5 } },
            },
        };
        DeviceProfile saved = (await Service.CreateAsync(Acme, draft)).Profile!;
        _directory.Database!.Dispose();

        using SqliteDatabase reopened = await SqliteDatabase.OpenAsync(_directory.File());
        DeviceProfile? read = await new SqliteProfileStore(reopened).GetAsync(Acme, saved.Id);

        Assert.NotNull(read);
        Assert.Equal(saved.Name, read.Name);
        Assert.Equal(saved.UpdatedAt, read.UpdatedAt);
        Assert.Equal(DeviceProfileJson.Serialize(saved.Transport), DeviceProfileJson.Serialize(read.Transport));
        Assert.Equal(1.5, read.Transport.NotificationAttributes[Lwm2mPath.Parse("/3_1.2/0")].GreaterThan);
    }

    [Fact]
    public async Task Open_CreatesTheProfilesTable()
    {
        await CreateStoreAsync();

        Assert.True(_directory.Database!.SchemaVersion >= 2);
        Assert.Empty(await new SqliteProfileStore(_directory.Database!).ListAsync(TenantId.System));
    }
}
