using System.Text;
using FastLwm2m.Platform;
using FastLwm2m.Platform.ApiKeys;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite.Tests.ApiKeys;

public class SqliteApiKeyStoreTests
{
    [Fact]
    public async Task Keys_SurviveReopening_AndStillAuthenticate()
    {
        using var directory = new TemporaryDatabaseDirectory();
        CreatedApiKey system;
        CreatedApiKey tenant;
        using (var database = await SqliteDatabase.OpenAsync(directory.File()))
        {
            var service = new ApiKeyService(new SqliteApiKeyStore(database));
            system = await service.CreateAsync(ApiKeyRole.SystemAdministrator, TenantId.System, "ops");
            tenant = await service.CreateAsync(ApiKeyRole.TenantAdministrator, new TenantId("acme"), "acme admin");
        }

        using (var reopened = await SqliteDatabase.OpenAsync(directory.File()))
        {
            var service = new ApiKeyService(new SqliteApiKeyStore(reopened));
            ApiKey? asSystem = await service.AuthenticateAsync(system.Token);
            ApiKey? asTenant = await service.AuthenticateAsync(tenant.Token);
            IReadOnlyList<ApiKey> listed = await service.ListAsync();

            Assert.Equal(system.Key.Id, asSystem?.Id);
            Assert.True(asSystem!.Tenant.IsSystem);
            Assert.Equal(new TenantId("acme"), asTenant?.Tenant);
            Assert.Equal(ApiKeyRole.TenantAdministrator, asTenant!.Role);
            Assert.Equal(2, listed.Count);
            Assert.Contains(listed, k => k.Id == tenant.Key.Id && k.Name == "acme admin");
            Assert.Equal(system.Key.CreatedAt.ToUnixTimeMilliseconds(), listed.Single(k => k.Id == system.Key.Id).CreatedAt.ToUnixTimeMilliseconds());
        }
    }

    [Fact]
    public async Task TheFile_DoesNotContainTheSecret()
    {
        using var directory = new TemporaryDatabaseDirectory();
        string secret;
        using (var database = await SqliteDatabase.OpenAsync(directory.File()))
        {
            CreatedApiKey created = await new ApiKeyService(new SqliteApiKeyStore(database)).CreateAsync(ApiKeyRole.SystemAdministrator, TenantId.System, "ops");
            secret = created.Token[(4 + 8 + 1)..];
        }

        // Checkpoint the WAL into the main file and close, then read every byte the database left.
        SqliteConnection.ClearAllPools();
        string all = string.Concat(Directory.GetFiles(directory.Path).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));

        Assert.Contains("ops", all);
        Assert.DoesNotContain(secret, all);
    }

    [Fact]
    public async Task Revoke_RemovesTheRow_AndAddWithATakenIdIsRefused()
    {
        using var directory = new TemporaryDatabaseDirectory();
        using var database = await SqliteDatabase.OpenAsync(directory.File());
        var store = new SqliteApiKeyStore(database);
        var key = new ApiKey("abcd1234", "k", ApiKeyRole.SystemAdministrator, TenantId.System, DateTimeOffset.UnixEpoch);

        Assert.True(await store.AddAsync(new ApiKeyRecord(key, new byte[32])));
        Assert.False(await store.AddAsync(new ApiKeyRecord(key with { Name = "other" }, new byte[32])));
        Assert.Equal(key, await store.RemoveAsync("abcd1234"));
        Assert.Null(await store.RemoveAsync("abcd1234"));
        Assert.Null(await store.FindAsync("abcd1234"));
    }
}
