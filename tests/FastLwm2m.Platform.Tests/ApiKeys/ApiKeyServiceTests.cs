using System.Security.Cryptography;
using System.Text;
using FastLwm2m.Platform.ApiKeys;

namespace FastLwm2m.Platform.Tests.ApiKeys;

public class ApiKeyServiceTests
{
    private static readonly TenantId Acme = new("acme");

    [Fact]
    public async Task Create_ReturnsKeyInTheFlkFormat()
    {
        var service = new ApiKeyService(new InMemoryApiKeyStore());

        CreatedApiKey created = await service.CreateAsync(ApiKeyRole.SystemAdministrator, TenantId.System, "ops");

        Assert.Matches("^flk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$", created.Token);
        Assert.Equal(created.Key.Id, created.Token.Substring(4, 8));
        Assert.Equal("ops", created.Key.Name);
        Assert.DoesNotContain(created.Token, created.ToString());
    }

    [Fact]
    public async Task Authenticate_CreatedKey_ReturnsItsRoleAndTenant()
    {
        var service = new ApiKeyService(new InMemoryApiKeyStore());
        CreatedApiKey system = await service.CreateAsync(ApiKeyRole.SystemAdministrator, TenantId.System, "ops");
        CreatedApiKey tenant = await service.CreateAsync(ApiKeyRole.TenantAdministrator, Acme, "acme admin");

        ApiKey? asSystem = await service.AuthenticateAsync(system.Token);
        ApiKey? asTenant = await service.AuthenticateAsync(tenant.Token);

        Assert.Equal(ApiKeyRole.SystemAdministrator, asSystem?.Role);
        Assert.True(asSystem!.Tenant.IsSystem);
        Assert.Equal(ApiKeyRole.TenantAdministrator, asTenant?.Role);
        Assert.Equal(Acme, asTenant!.Tenant);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("flk_")]
    [InlineData("flk_abcdefgh_")]
    [InlineData("nonsense")]
    [InlineData("Bearer flk_abcdefgh_AAAA")]
    public async Task Authenticate_Malformed_IsNull(string? token)
    {
        var service = new ApiKeyService(new InMemoryApiKeyStore());
        await service.CreateAsync(ApiKeyRole.SystemAdministrator, TenantId.System, "ops");

        Assert.Null(await service.AuthenticateAsync(token));
    }

    [Fact]
    public async Task Authenticate_RightIdWrongSecret_IsNull()
    {
        var service = new ApiKeyService(new InMemoryApiKeyStore());
        CreatedApiKey created = await service.CreateAsync(ApiKeyRole.SystemAdministrator, TenantId.System, "ops");
        string wrong = created.Token[..^1] + (created.Token[^1] == 'A' ? 'B' : 'A');

        Assert.Null(await service.AuthenticateAsync(wrong));
    }

    [Fact]
    public async Task Revoke_KeyNoLongerAuthenticatesNorIsListed()
    {
        var service = new ApiKeyService(new InMemoryApiKeyStore());
        CreatedApiKey kept = await service.CreateAsync(ApiKeyRole.SystemAdministrator, TenantId.System, "kept");
        CreatedApiKey revoked = await service.CreateAsync(ApiKeyRole.TenantAdministrator, Acme, "revoked");

        ApiKey? removed = await service.RevokeAsync(revoked.Key.Id);
        ApiKey? again = await service.RevokeAsync(revoked.Key.Id);

        Assert.Equal(revoked.Key, removed);
        Assert.Null(again);
        Assert.Null(await service.AuthenticateAsync(revoked.Token));
        Assert.NotNull(await service.AuthenticateAsync(kept.Token));
        Assert.Equal([kept.Key], await service.ListAsync());
    }

    [Fact]
    public async Task Store_KeepsTheHashOfTheSecret_NotTheSecret()
    {
        var store = new InMemoryApiKeyStore();
        var service = new ApiKeyService(store);
        CreatedApiKey created = await service.CreateAsync(ApiKeyRole.TenantAdministrator, Acme, "acme admin");
        string secret = created.Token[(4 + 8 + 1)..];

        ApiKeyRecord record = (await store.FindAsync(created.Key.Id))!;

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), record.SecretHash);
        Assert.DoesNotContain(secret, record.ToString());
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(record.SecretHash));
    }

    [Fact]
    public async Task Create_RoleAndTenantMismatch_Throws()
    {
        var service = new ApiKeyService(new InMemoryApiKeyStore());

        await Assert.ThrowsAsync<ArgumentException>(() => service.CreateAsync(ApiKeyRole.SystemAdministrator, Acme, "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => service.CreateAsync(ApiKeyRole.TenantAdministrator, TenantId.System, "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => service.CreateAsync(ApiKeyRole.SystemAdministrator, TenantId.System, " "));
    }
}
