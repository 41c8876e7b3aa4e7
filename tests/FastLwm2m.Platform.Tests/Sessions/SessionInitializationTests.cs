using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;

namespace FastLwm2m.Platform.Tests.Sessions;

/// <summary>The guide's getting-started walk: a device of the default profile registers; its session initializes and maps values to keys.</summary>
public sealed class SessionInitializationTests
{
    [Fact]
    public async Task GivenTheDefaultProfile_DeviceRegistering_GetsItsAttributesReadAndItsTelemetryObserved()
    {
        await using var bed = await SessionTestBed.StartAsync();

        Assert.Equal(0, bed.Initialization.Failed);
        Assert.Empty(bed.Initialization.RejectedObjects);
        Assert.NotNull(await bed.Attributes.GetAsync(bed.Endpoint, "manufacturer"));
        Assert.NotNull(await bed.Attributes.GetAsync(bed.Endpoint, "modelNumber"));
        Assert.NotNull(await bed.Attributes.GetAsync(bed.Endpoint, "serialNumber"));
        Assert.Equal(5, bed.Server.GetObservations(bed.Registration.Id).Count);

        bed.Client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(42));
        bed.Client.SetValue(Lwm2mPath.Parse("/4/0/2"), Lwm2mValue.FromInteger(-95));
        bed.Client.SetValue(Lwm2mPath.Parse("/4/0/3"), Lwm2mValue.FromInteger(33));
        bed.Client.SetValue(Lwm2mPath.Parse("/6/0/0"), Lwm2mValue.FromFloat(50.45));

        await bed.WaitForTelemetry("batteryLevel", v => v.AsInteger() == 42);
        await bed.WaitForTelemetry("radioSignalStrength", v => v.AsInteger() == -95);
        await bed.WaitForTelemetry("linkQuality", v => v.AsInteger() == 33);
        await bed.WaitForTelemetry("latitude", v => Math.Abs(v.AsFloat() - 50.45) < 1e-9);
        await bed.WaitForTelemetry("longitude", _ => true);

        var log = await bed.LogLines();
        Assert.StartsWith($"Client registered with registration id: [{bed.Registration.Id}] LwM2mVersion: [1.2]", log[0], StringComparison.Ordinal);
        Assert.Contains("Read /3_1.2/0/0: CONTENT", log);
        Assert.Contains("Observe /3_1.2/0/9: CONTENT", log);
        Assert.Contains(log, l => l.StartsWith("Initialization done", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenAProfileWithAnotherDeviceObjectVersion_DeviceRegistering_HasThatObjectRejectedAndTheOthersInitialized()
    {
        await using var bed = await SessionTestBed.StartAsync(p => p with
        {
            Transport = p.Transport with
            {
                Objects = [.. p.Transport.Objects.Select(o => o.ObjectId == 3 ? o with { Version = new ObjectVersion(1, 1) } : o)],
            },
        });

        Assert.Equal([3], bed.Initialization.RejectedObjects);
        Assert.Null(await bed.Attributes.GetAsync(bed.Endpoint, "manufacturer"));
        var observations = bed.Server.GetObservations(bed.Registration.Id);
        Assert.Equal(4, observations.Count);
        Assert.DoesNotContain(observations, o => o.Paths[0].ObjectId == 3);
        var log = await bed.LogLines();
        Assert.Contains("Object 3: profile version 1.1 differs from registered version 1.2: initialization operations rejected", log);
        Assert.DoesNotContain(log, l => l.StartsWith("Read /3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenTheCompositeAllStrategy_DeviceRegistering_IsObservedWithOneObserveComposite()
    {
        await using var bed = await SessionTestBed.StartAsync(p => p with
        {
            Transport = p.Transport with { ObserveStrategy = ObserveStrategy.CompositeAll, InitializeWithObserve = true },
        });

        var observation = Assert.Single(bed.Server.GetObservations(bed.Registration.Id));
        Assert.True(observation.IsComposite);
        Assert.Equal(5, observation.Paths.Count);
        Assert.Equal(0, bed.Initialization.Failed);

        // Initialized by the Observe-Composite response, then kept up to date by its notifications.
        await bed.WaitForTelemetry("radioSignalStrength", v => v.AsInteger() == -70);
        bed.Client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(17));
        await bed.WaitForTelemetry("batteryLevel", v => v.AsInteger() == 17);
    }

    [Fact]
    public async Task GivenAResourceTheClientLacks_DeviceRegistering_LogsTheFailedReadAndInitializesTheRest()
    {
        await using var bed = await SessionTestBed.StartAsync(p => p with
        {
            Transport = p.Transport with
            {
                Objects = [.. p.Transport.Objects.Select(o => o.ObjectId == 3
                    ? o with { Resources = [new ProfileResource { InstanceId = 1, ResourceId = 0, Attribute = true, Key = "secondManufacturer" }, .. o.Resources] }
                    : o)],
            },
        });

        Assert.Equal(1, bed.Initialization.Failed);
        var log = await bed.LogLines();
        string failed = Assert.Single(log, l => l.StartsWith("Read /3_1.2/1/0: ", StringComparison.Ordinal));
        Assert.DoesNotContain("CONTENT", failed, StringComparison.Ordinal);
        Assert.NotNull(await bed.Attributes.GetAsync(bed.Endpoint, "manufacturer"));
        Assert.Equal(5, bed.Server.GetObservations(bed.Registration.Id).Count);
    }
}
