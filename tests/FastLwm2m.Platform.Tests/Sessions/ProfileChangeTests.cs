using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Platform.Tests.Sessions;

/// <summary>A profile change reaches a device's session at once when it is awake, at its next Update when it sleeps (queue mode).</summary>
public sealed class ProfileChangeTests
{
    private static readonly Lwm2mPath Bearers = Lwm2mPath.Parse("/4/0/1");

    [Fact]
    public async Task AwakeDevice_ProfileAddsAnObservedResource_IsObservedAtOnce_AndItsValuesMapToTheNewKey()
    {
        await using var bed = await SessionTestBed.StartAsync();
        var applied = AppliedOnce(bed);

        await bed.UpdateProfileAsync(ObserveBearers);
        await applied.WaitAsync(SessionTestBed.Timeout);

        var observations = bed.Server.GetObservations(bed.Registration.Id);
        Assert.Equal(6, observations.Count);
        Assert.Contains(observations, o => !o.IsComposite && o.Paths[0] == Bearers);
        bed.Client.SetValue(Lwm2mPath.Parse("/4/0/1/0"), Lwm2mValue.FromInteger(3));
        await bed.WaitForTelemetry("bearers", v => v.AsString() == """{"0":3,"1":7}""");
        var log = await bed.LogLines();
        Assert.Contains(log, l => l.StartsWith("Observe /4", StringComparison.Ordinal) && l.Contains("/0/1: CONTENT", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("Profile change applied: ", StringComparison.Ordinal) && l.EndsWith(" 0 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AwakeDevice_ObserveStrategyChangedToCompositeAll_HasAllObservationsCancelledAndOneObserveComposite()
    {
        await using var bed = await SessionTestBed.StartAsync();
        Assert.Equal(5, bed.Server.GetObservations(bed.Registration.Id).Count);
        var applied = AppliedOnce(bed);

        await bed.UpdateProfileAsync(p => p with { Transport = p.Transport with { ObserveStrategy = ObserveStrategy.CompositeAll } });
        await applied.WaitAsync(SessionTestBed.Timeout);

        var observation = Assert.Single(bed.Server.GetObservations(bed.Registration.Id));
        Assert.True(observation.IsComposite);
        Assert.Equal(5, observation.Paths.Count);
        Assert.Contains("Cancel all observations: 5 cancelled", await bed.LogLines());
        bed.Client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(12));
        await bed.WaitForTelemetry("batteryLevel", v => v.AsInteger() == 12);
    }

    [Fact]
    public async Task SleepingDevice_ProfileChange_WaitsForItsNextUpdate_ThenIsApplied()
    {
        await using var bed = await SessionTestBed.StartAsync(queueMode: true);
        bed.FallAsleep();
        var applied = AppliedOnce(bed);

        await bed.UpdateProfileAsync(ObserveBearers);
        string deferred = await bed.WaitForLogLine(l => l.Contains("applying it at its next Update", StringComparison.Ordinal));

        Assert.Equal("Profile 'default' changed: the device is asleep (queue mode): applying it at its next Update", deferred);
        Assert.False(applied.IsCompleted);
        Assert.DoesNotContain(bed.Server.GetObservations(bed.Registration.Id), o => o.Paths.Contains(Bearers));

        await bed.Client.WakeUpAsync().WaitAsync(SessionTestBed.Timeout);
        await applied.WaitAsync(SessionTestBed.Timeout);

        Assert.Contains(bed.Server.GetObservations(bed.Registration.Id), o => !o.IsComposite && o.Paths[0] == Bearers);
        var log = await bed.LogLines();
        int deferredAt = log.ToList().IndexOf(deferred);
        int appliedAt = log.ToList().FindIndex(l => l.StartsWith("Profile change applied", StringComparison.Ordinal));
        Assert.True(appliedAt > deferredAt, string.Join(Environment.NewLine, log));
    }

    [Fact]
    public async Task SleepingDevice_TwoProfileChanges_AreAppliedAsOneAtTheNextUpdate()
    {
        await using var bed = await SessionTestBed.StartAsync(queueMode: true);
        bed.FallAsleep();
        int appliedCount = 0;
        bed.Sessions.ProfileApplied += _ => Interlocked.Increment(ref appliedCount);
        var applied = AppliedOnce(bed);

        await bed.UpdateProfileAsync(ObserveBearers);
        await bed.UpdateProfileAsync(p => p with
        {
            Transport = p.Transport with { Objects = [.. p.Transport.Objects.Where(o => o.ObjectId != 6)] },
        });
        await bed.Client.WakeUpAsync().WaitAsync(SessionTestBed.Timeout);
        await applied.WaitAsync(SessionTestBed.Timeout);

        await bed.Sessions.DisposeAsync(); // waits for any session work still running: a second apply would show below

        var observed = bed.Server.GetObservations(bed.Registration.Id).Select(o => o.Paths[0].ObjectId).ToList();
        Assert.Contains(4, observed);
        Assert.DoesNotContain(6, observed);
        Assert.Equal(1, Volatile.Read(ref appliedCount));
        Assert.Single(await bed.LogLines(), l => l.StartsWith("Profile change applied", StringComparison.Ordinal));
    }

    private static DeviceProfile ObserveBearers(DeviceProfile profile) => profile with
    {
        Transport = profile.Transport with
        {
            Objects =
            [
                .. profile.Transport.Objects.Select(o => o.ObjectId != 4 ? o : o with
                {
                    Resources = [.. o.Resources, new ProfileResource { ResourceId = 1, Telemetry = true, Observe = true, Key = "bearers" }],
                }),
            ],
        },
    };

    private static Task AppliedOnce(SessionTestBed bed)
    {
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Sessions.ProfileApplied += endpoint =>
        {
            if (endpoint == bed.Endpoint)
            {
                applied.TrySetResult();
            }
        };
        return applied.Task;
    }
}
