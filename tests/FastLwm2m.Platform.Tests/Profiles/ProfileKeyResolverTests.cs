using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Tests.TestSupport;

namespace FastLwm2m.Platform.Tests.Profiles;

public sealed class ProfileKeyResolverTests
{
    [Fact]
    public async Task TryResolve_KeysOfTheProfile_GiveVersionedPaths_UnknownKeysFail()
    {
        await using RpcTestBed bed = await RpcTestBed.StartAsync();
        DeviceProfile profile = DeviceProfiles.CreateDefault(new TenantId("acme"));
        var resolver = new ProfileKeyResolver(_ => profile);

        Assert.True(resolver.TryResolve(bed.Registration, "batteryLevel", out Lwm2mPath battery));
        Assert.Equal("/3_1.2/0/9", battery.ToString());
        Assert.True(resolver.TryResolve(bed.Registration, "linkQuality", out Lwm2mPath link));
        Assert.Equal("/4_1.3/0/3", link.ToString());
        Assert.False(resolver.TryResolve(bed.Registration, "nope", out _));
        Assert.False(resolver.TryResolve(bed.Registration, "BatteryLevel", out _));
        Assert.False(new ProfileKeyResolver(_ => null).TryResolve(bed.Registration, "batteryLevel", out _));
    }
}
