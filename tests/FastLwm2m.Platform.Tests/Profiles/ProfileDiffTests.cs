using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Platform.Tests.Profiles;

public sealed class ProfileDiffTests
{
    private static readonly DeviceProfile Default = DeviceProfiles.CreateDefault(new TenantId("acme"));

    [Fact]
    public void Compute_SameProfile_HasNoSessionChanges()
    {
        ProfileDiff diff = ProfileDiff.Compute(Default, Default);

        Assert.False(diff.HasSessionChanges);
        Assert.False(diff.CancelAllObservations);
    }

    [Fact]
    public void Compute_StrategyChanged_CancelsAllAndObservesEverythingAnew()
    {
        DeviceProfile composite = Default with { Transport = Default.Transport with { ObserveStrategy = ObserveStrategy.CompositeByObject } };

        ProfileDiff diff = ProfileDiff.Compute(Default, composite);

        Assert.True(diff.ObserveStrategyChanged);
        Assert.True(diff.CancelAllObservations);
        string[] observed = ["/3_1.2/0/9", "/4_1.3/0/2", "/4_1.3/0/3", "/6_1.0/0/0", "/6_1.0/0/1"];
        Assert.Equal(observed, diff.ObservationsToCancel.Select(p => p.ToString()));
        Assert.Equal(observed, diff.ObservationsToAdd.Select(p => p.ToString()));
        Assert.Empty(diff.PathsToRead);
    }

    [Fact]
    public void Compute_ObserveFlagsChanged_CancelsAndAddsOnlyTheDifference()
    {
        ProfileObject device = Default.Transport.Objects[0];
        ProfileResource[] resources =
        [
            .. device.Resources.Where(r => r.ResourceId != 9),
            new ProfileResource { ResourceId = 15, Attribute = true, Observe = true, Key = "timezone" },
        ];
        DeviceProfile changed = Default with
        {
            Transport = Default.Transport with { Objects = [device with { Resources = resources }, .. Default.Transport.Objects.Skip(1)] },
        };

        ProfileDiff diff = ProfileDiff.Compute(Default, changed);

        Assert.False(diff.CancelAllObservations);
        Assert.Equal(["/3_1.2/0/9"], diff.ObservationsToCancel.Select(p => p.ToString()));
        Assert.Equal(["/3_1.2/0/15"], diff.ObservationsToAdd.Select(p => p.ToString()));
        Assert.Equal(["/3_1.2/0/15"], diff.PathsToRead.Select(p => p.ToString()));
    }

    [Fact]
    public void Compute_NotificationAttributes_WritesChangedAndRemovesDropped()
    {
        Lwm2mPath battery = Lwm2mPath.Parse("/3_1.2/0/9");
        Lwm2mPath signal = Lwm2mPath.Parse("/4_1.3/0/2");
        DeviceProfile before = Default with
        {
            Transport = Default.Transport with
            {
                NotificationAttributes = new Dictionary<Lwm2mPath, NotificationAttributes>
                {
                    [battery] = new() { Pmin = 10 },
                    [signal] = new() { Pmax = 60 },
                },
            },
        };
        DeviceProfile after = Default with
        {
            Transport = Default.Transport with
            {
                NotificationAttributes = new Dictionary<Lwm2mPath, NotificationAttributes> { [battery] = new() { Pmin = 30 } },
            },
        };

        ProfileDiff diff = ProfileDiff.Compute(before, after);

        Assert.Equal([battery], diff.AttributesToWrite.Keys);
        Assert.Equal(30u, diff.AttributesToWrite[battery].Pmin);
        Assert.Equal([signal], diff.AttributesToRemove);
        Assert.Empty(diff.ObservationsToAdd);
    }
}
