using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Tests.Attributes;

namespace FastLwm2m.Storage.Sqlite.Tests.Attributes;

/// <summary>The attribute store contract over <see cref="SqliteAttributeStore"/> in a temporary file; reopening opens the file again.</summary>
public sealed class SqliteAttributeStoreTests : AttributeStoreContractTests
{
    private readonly TemporaryDatabaseDirectory _directory = new();

    protected override async Task<IAttributeStore> CreateStoreAsync()
    {
        return new SqliteAttributeStore(await _directory.OpenAsync());
    }

    protected override async Task<IAttributeStore> ReopenStoreAsync()
    {
        return new SqliteAttributeStore(await _directory.OpenAsync());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Open_CreatesTheAttributesTableAtSchemaVersion5OrLater()
    {
        using SqliteDatabase database = await SqliteDatabase.OpenAsync(_directory.File("other.db"));

        Assert.True(database.SchemaVersion >= 5);
        Assert.Empty(await new SqliteAttributeStore(database).GetAsync("dev"));
    }

    [Fact]
    public async Task TwoInstancesOverOneFile_SeeEachOthersValues()
    {
        var other = new SqliteAttributeStore(_directory.Database!);
        await Store.SetAsync("dev", [new AttributeValue("a", Lwm2mValue.FromString("x"), 10)]);

        Assert.Empty(await other.SetAsync("dev", [new AttributeValue("a", Lwm2mValue.FromString("x"), 20)]));
        Assert.Equal(new AttributeValue("a", Lwm2mValue.FromString("x"), 10), await other.GetAsync("dev", "a"));
    }

    [Fact]
    public async Task EmptyOpaque_RoundTrips()
    {
        var empty = new AttributeValue("o", Lwm2mValue.FromOpaque([]), 1);
        await Store.SetAsync("dev", [empty]);

        Assert.Equal(empty, await (await ReopenStoreAsync()).GetAsync("dev", "o"));
    }
}
