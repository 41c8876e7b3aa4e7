namespace FastLwm2m.Platform.Tests.Models;

public sealed class TenantIdTests
{
    [Fact]
    public void Default_IsSystem()
    {
        Assert.True(default(TenantId).IsSystem);
        Assert.Equal(TenantId.System, default);
        Assert.Equal("", TenantId.System.Value);
        Assert.Equal("system", TenantId.System.ToString());
    }

    [Fact]
    public void Tenant_EqualsByValueAndRoundTripsThroughItsStoreKey()
    {
        var acme = new TenantId("acme");

        Assert.False(acme.IsSystem);
        Assert.Equal(new TenantId("acme"), acme);
        Assert.NotEqual(TenantId.System, acme);
        Assert.Equal(acme, TenantId.FromValue(acme.Value));
        Assert.Equal(TenantId.System, TenantId.FromValue(""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Tenant_WithEmptyId_IsRejected(string value)
        => Assert.Throws<ArgumentException>(() => new TenantId(value));
}
