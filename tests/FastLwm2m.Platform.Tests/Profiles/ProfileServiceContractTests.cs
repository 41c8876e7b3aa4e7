using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Profiles;
using FastLwm2m.Platform.Tests.Models;

namespace FastLwm2m.Platform.Tests.Profiles;

/// <summary>
/// The behaviour of <see cref="ProfileService"/> and of an <see cref="IProfileStore"/>, run against
/// each store implementation by a derived class. The library holds the guide's objects as system
/// models: Device 3_1.2, Connectivity Monitoring 4_1.3, Firmware Update 5_1.1, Location 6_1.0.
/// </summary>
public abstract class ProfileServiceContractTests : IAsyncLifetime
{
    protected static readonly TenantId Acme = new("acme");
    protected static readonly TenantId Globex = new("globex");
    private static readonly ObjectVersion V1_0 = new(1, 0);
    private static readonly ObjectVersion V1_2 = new(1, 2);
    private static readonly ObjectVersion V1_3 = new(1, 3);

    protected IProfileStore Store { get; private set; } = null!;

    protected ModelLibrary Models { get; private set; } = null!;

    protected ProfileService Service { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IProfileStore> CreateStoreAsync();

    public virtual async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        Models = new ModelLibrary(new InMemoryModelStore());
        ModelUploadResult upload = await Models.UploadAsync(
            TenantId.System, [DdfFiles.Core("3-1_2.xml"), DdfFiles.Core("4-1_3.xml"), DdfFiles.Core("5-1_1.xml"), DdfFiles.Core("6-1_0.xml")]);
        Assert.True(upload.Succeeded, upload.Error);
        Service = new ProfileService(Store, Models);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The guide's getting-started mapping, keys left to the service.</summary>
    protected static DeviceProfile GettingStarted(string name = "LwM2M getting started") => new()
    {
        Name = name,
        Transport = new Lwm2mTransportConfiguration
        {
            Objects =
            [
                new ProfileObject
                {
                    ObjectId = 3, Version = V1_2,
                    Resources =
                    [
                        new ProfileResource { ResourceId = 0, Attribute = true },
                        new ProfileResource { ResourceId = 1, Attribute = true },
                        new ProfileResource { ResourceId = 2, Attribute = true },
                    ],
                },
                new ProfileObject
                {
                    ObjectId = 4, Version = V1_3,
                    Resources =
                    [
                        new ProfileResource { ResourceId = 2, Telemetry = true, Observe = true },
                        new ProfileResource { ResourceId = 3, Telemetry = true, Observe = true },
                    ],
                },
                // Firmware Update added but nothing checked: it must not appear once saved.
                new ProfileObject
                {
                    ObjectId = 5, Version = new ObjectVersion(1, 1),
                    Resources = [new ProfileResource { ResourceId = 3 }],
                },
                new ProfileObject
                {
                    ObjectId = 6, Version = V1_0,
                    Resources =
                    [
                        new ProfileResource { ResourceId = 0, Telemetry = true, Observe = true },
                        new ProfileResource { ResourceId = 1, Telemetry = true, Observe = true },
                    ],
                },
            ],
        },
    };

    private static IEnumerable<(string Path, string Key, bool Attribute, bool Telemetry, bool Observe)> Mapping(DeviceProfile profile)
        => profile.Transport.EnumerateResources().Select(r => (r.Path.ToString(), r.Resource.Key!, r.Resource.Attribute, r.Resource.Telemetry, r.Resource.Observe));

    [Fact]
    public async Task Create_GettingStartedMapping_GeneratesKeysAndDropsObjectsWithoutFlags()
    {
        ProfileSaveResult result = await Service.CreateAsync(Acme, GettingStarted());

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(ProfileSaveStatus.Created, result.Status);
        DeviceProfile saved = result.Profile!;
        Assert.NotEqual(Guid.Empty, saved.Id);
        Assert.Equal(Acme, saved.Tenant);
        Assert.Equal([3, 4, 6], saved.Transport.Objects.Select(o => o.ObjectId));
        Assert.Equal(
            [
                ("/3_1.2/0/0", "manufacturer", true, false, false),
                ("/3_1.2/0/1", "modelNumber", true, false, false),
                ("/3_1.2/0/2", "serialNumber", true, false, false),
                ("/4_1.3/0/2", "radioSignalStrength", false, true, true),
                ("/4_1.3/0/3", "linkQuality", false, true, true),
                ("/6_1.0/0/0", "latitude", false, true, true),
                ("/6_1.0/0/1", "longitude", false, true, true),
            ],
            Mapping(saved));
        Assert.False(saved.Transport.InitializeWithObserve);
        Assert.Equal(ObserveStrategy.Single, saved.Transport.ObserveStrategy);
    }

    [Fact]
    public async Task Create_ThenGet_RoundTripsTheWholeProfile()
    {
        DeviceProfile draft = GettingStarted() with
        {
            Description = "the guide's",
            Transport = GettingStarted().Transport with
            {
                InitializeWithObserve = true,
                ObserveStrategy = ObserveStrategy.CompositeByObject,
                ReadByObject = true,
                NotificationAttributes = new Dictionary<Lwm2mPath, NotificationAttributes>
                {
                    [Lwm2mPath.Parse("/4/0/2")] = new() { Pmin = 10, Pmax = 60, Step = 2 },
                    [Lwm2mPath.Parse("/6_1.0")] = new() { Pmax = 300 },
                },
                Ota = new OtaSettings { FirmwareStrategy = FirmwareUpdateStrategy.Object5PackageUri, UseObject19ForOtaMetadata = true },
                Bootstrap = new BootstrapSettings
                {
                    UpdateBootstrapServer = true,
                    Servers = [new BootstrapServerSettings { ShortServerId = 123, Uri = "coaps://lwm2m.example.com:5686", LifetimeSeconds = 600 }],
                },
            },
        };
        DeviceProfile saved = (await Service.CreateAsync(Acme, draft)).Profile!;

        DeviceProfile? read = await Service.GetAsync(Acme, saved.Id);

        Assert.NotNull(read);
        Assert.Equal(saved.Name, read.Name);
        Assert.Equal("the guide's", read.Description);
        Assert.Equal(saved.UpdatedAt, read.UpdatedAt);
        Assert.Equal(DeviceProfileJson.Serialize(saved.Transport), DeviceProfileJson.Serialize(read.Transport));
        Assert.Equal(
            ["/4_1.3/0/2", "/6_1.0"],
            read.Transport.NotificationAttributes.Keys.Order().Select(p => p.ToString()));
        Assert.Equal(FirmwareUpdateStrategy.Object5PackageUri, read.Transport.Ota.FirmwareStrategy);
        Assert.True(read.Transport.Ota.UseObject19ForOtaMetadata);
        Assert.Equal(123, Assert.Single(read.Transport.Bootstrap.Servers).ShortServerId);
        Assert.Null(await Service.GetAsync(Globex, saved.Id));
    }

    [Fact]
    public async Task Create_ExplicitDuplicateKey_IsRejectedNamingFieldAndOwner()
    {
        DeviceProfile draft = GettingStarted() with
        {
            Transport = new Lwm2mTransportConfiguration
            {
                Objects =
                [
                    new ProfileObject { ObjectId = 3, Version = V1_2, Resources = [new ProfileResource { ResourceId = 9, Telemetry = true, Key = "batteryLevel" }] },
                    new ProfileObject { ObjectId = 4, Version = V1_3, Resources = [new ProfileResource { ResourceId = 2, Telemetry = true, Key = "batteryLevel" }] },
                ],
            },
        };

        ProfileSaveResult result = await Service.CreateAsync(Acme, draft);

        Assert.Equal(ProfileSaveStatus.Invalid, result.Status);
        ProfileValidationError error = Assert.Single(result.Errors);
        Assert.Equal("objects[4_1.3].resources[2].key: \"batteryLevel\" is already used by /3_1.2/0/9", error.ToString());
        Assert.Empty(await Service.ListAsync(Acme));
    }

    [Fact]
    public async Task Create_GeneratedKeyAlreadyTaken_GetsNumericSuffix()
    {
        DeviceProfile draft = GettingStarted() with
        {
            Transport = new Lwm2mTransportConfiguration
            {
                Objects =
                [
                    // The explicit key wins even though it comes later; the generated one moves aside.
                    new ProfileObject { ObjectId = 3, Version = V1_2, Resources = [new ProfileResource { ResourceId = 9, Telemetry = true }] },
                    new ProfileObject
                    {
                        ObjectId = 4, Version = V1_3,
                        Resources =
                        [
                            new ProfileResource { ResourceId = 2, Telemetry = true, Key = "batteryLevel" },
                            new ProfileResource { InstanceId = 1, ResourceId = 2, Telemetry = true },
                            new ProfileResource { ResourceId = 3, Telemetry = true, Key = "radioSignalStrength2" },
                            new ProfileResource { InstanceId = 2, ResourceId = 2, Telemetry = true },
                        ],
                    },
                ],
            },
        };

        ProfileSaveResult result = await Service.CreateAsync(Acme, draft);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            ["batteryLevel2", "batteryLevel", "radioSignalStrength2", "radioSignalStrength", "radioSignalStrength3"],
            result.Profile!.Transport.EnumerateResources().Select(r => r.Resource.Key));
        Assert.Equal(
            ["/3_1.2/0/9", "/4_1.3/0/2", "/4_1.3/0/3", "/4_1.3/1/2", "/4_1.3/2/2"],
            result.Profile.Transport.EnumerateResources().Select(r => r.Path.ToString()));
    }

    [Fact]
    public async Task Create_UnknownModelVersion_IsRejected()
    {
        DeviceProfile draft = new()
        {
            Name = "v1.9",
            Transport = new Lwm2mTransportConfiguration
            {
                Objects = [new ProfileObject { ObjectId = 3, Version = new ObjectVersion(1, 9), Resources = [new ProfileResource { ResourceId = 9, Telemetry = true }] }],
            },
        };

        ProfileSaveResult result = await Service.CreateAsync(Acme, draft);

        Assert.Equal(ProfileSaveStatus.Invalid, result.Status);
        Assert.Equal("objects[3_1.9]: object 3 version 1.9 is not in the model library of tenant 'acme'", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public async Task Create_TenantModel_IsVisibleOnlyToItsTenant()
    {
        Assert.True((await Models.UploadAsync(Acme, [DdfFiles.Object(10241)])).Succeeded);
        DeviceProfile draft = new()
        {
            Name = "custom",
            Transport = new Lwm2mTransportConfiguration
            {
                Objects = [new ProfileObject { ObjectId = 10241, Version = V1_0, Resources = [new ProfileResource { ResourceId = 3, Attribute = true }] }],
            },
        };

        ProfileSaveResult acme = await Service.CreateAsync(Acme, draft);
        ProfileSaveResult globex = await Service.CreateAsync(Globex, draft);

        Assert.True(acme.Succeeded, acme.Error);
        Assert.Equal("other", acme.Profile!.Transport.Objects[0].Resources[0].Key);
        Assert.Equal("objects[10241_1.0]: object 10241 version 1.0 is not in the model library of tenant 'globex'", Assert.Single(globex.Errors).ToString());
    }

    [Fact]
    public async Task Create_InvalidFields_AreAllReportedByName()
    {
        DeviceProfile draft = new()
        {
            Name = " ",
            Transport = new Lwm2mTransportConfiguration
            {
                Objects =
                [
                    new ProfileObject
                    {
                        ObjectId = 3, Version = V1_2,
                        Resources =
                        [
                            new ProfileResource { ResourceId = 99, Telemetry = true },
                            new ProfileResource { ResourceId = 9, Telemetry = true, Key = " padded" },
                        ],
                    },
                    new ProfileObject { ObjectId = 3, Version = new ObjectVersion(1, 0), Resources = [new ProfileResource { ResourceId = 9, Telemetry = true }] },
                ],
                NotificationAttributes = new Dictionary<Lwm2mPath, NotificationAttributes>
                {
                    [Lwm2mPath.Parse("/3/0/9")] = new() { Pmin = 60, Pmax = 10 },
                    [Lwm2mPath.Parse("/7/0")] = new() { Pmin = 1 },
                },
                Bootstrap = new BootstrapSettings { Servers = [new BootstrapServerSettings { ShortServerId = 0, Uri = "http://x" }] },
            },
        };

        ProfileSaveResult result = await Service.CreateAsync(Acme, draft);

        Assert.Equal(ProfileSaveStatus.Invalid, result.Status);
        Assert.Equal(
            [
                "name",
                "objects[3_1.2].resources[9].key",
                "objects[3_1.2].resources[99]",
                "objects[3_1.0]",
                "notificationAttributes[/3/0/9]",
                "notificationAttributes[/7/0]",
                "bootstrap.servers[0].shortServerId",
                "bootstrap.servers[0].uri",
            ],
            result.Errors.Select(e => e.Field));
        Assert.Contains(result.Errors, e => e.Message == "object 3 is already in the profile (version 1.2)");
        Assert.Contains(result.Errors, e => e.Message == "pmax (10) must not be less than pmin (60)");
    }

    [Fact]
    public async Task Create_DuplicateName_IsRejectedWithinTheTenantOnly()
    {
        Assert.True((await Service.CreateAsync(Acme, GettingStarted("same"))).Succeeded);

        ProfileSaveResult again = await Service.CreateAsync(Acme, GettingStarted("same"));
        ProfileSaveResult other = await Service.CreateAsync(Globex, GettingStarted("same"));

        Assert.Equal("name", Assert.Single(again.Errors).Field);
        Assert.True(other.Succeeded, other.Error);
    }

    [Fact]
    public async Task Update_RaisesProfileChangedWithOldNewAndDiff()
    {
        DeviceProfile saved = (await Service.CreateAsync(Acme, GettingStarted())).Profile!;
        var events = new List<ProfileChangedEventArgs>();
        Service.ProfileChanged += (_, e) => events.Add(e);

        ProfileSaveResult result = await Service.UpdateAsync(
            Acme, saved with { Transport = saved.Transport with { ObserveStrategy = ObserveStrategy.CompositeAll } });

        Assert.Equal(ProfileSaveStatus.Updated, result.Status);
        Assert.Equal(ObserveStrategy.Single, result.Replaced!.Transport.ObserveStrategy);
        ProfileChangedEventArgs changed = Assert.Single(events);
        Assert.Equal(ObserveStrategy.Single, changed.OldProfile.Transport.ObserveStrategy);
        Assert.Equal(ObserveStrategy.CompositeAll, changed.NewProfile.Transport.ObserveStrategy);
        Assert.True(changed.Diff.CancelAllObservations);
        Assert.Equal(4, changed.Diff.ObservationsToAdd.Count);
        Assert.Equal(ObserveStrategy.CompositeAll, (await Service.GetAsync(Acme, saved.Id))!.Transport.ObserveStrategy);
    }

    [Fact]
    public async Task Update_UnknownOrInvalid_StoresNothingAndRaisesNothing()
    {
        DeviceProfile saved = (await Service.CreateAsync(Acme, GettingStarted())).Profile!;
        int raised = 0;
        Service.ProfileChanged += (_, _) => raised++;

        ProfileSaveResult missing = await Service.UpdateAsync(Acme, saved with { Id = Guid.NewGuid() });
        ProfileSaveResult otherTenant = await Service.UpdateAsync(Globex, saved);
        ProfileSaveResult invalid = await Service.UpdateAsync(Acme, saved with { Name = "" });

        Assert.Equal(ProfileSaveStatus.NotFound, missing.Status);
        Assert.Equal(ProfileSaveStatus.NotFound, otherTenant.Status);
        Assert.Equal(ProfileSaveStatus.Invalid, invalid.Status);
        Assert.Equal(0, raised);
        Assert.Equal(saved.Name, (await Service.GetAsync(Acme, saved.Id))!.Name);
    }

    [Fact]
    public async Task ListAndDelete_ArePerTenant()
    {
        DeviceProfile b = (await Service.CreateAsync(Acme, GettingStarted("b"))).Profile!;
        DeviceProfile a = (await Service.CreateAsync(Acme, GettingStarted("a"))).Profile!;
        await Service.CreateAsync(Globex, GettingStarted("c"));

        Assert.Equal(["a", "b"], (await Service.ListAsync(Acme)).Select(p => p.Name));
        Assert.Null(await Service.DeleteAsync(Globex, a.Id));
        DeviceProfile? removed = await Service.DeleteAsync(Acme, a.Id);

        Assert.Equal(a.Id, removed?.Id);
        Assert.Equal([b.Id], (await Service.ListAsync(Acme)).Select(p => p.Id));
        Assert.Null(await Service.DeleteAsync(Acme, a.Id));
    }

    [Fact]
    public async Task Get_ServesTheLatestWrite_AndOnlyToItsTenant_ThroughTheCache()
    {
        DeviceProfile created = (await Service.CreateAsync(Acme, GettingStarted("cached"))).Profile!;
        DeviceProfile first = (await Service.GetAsync(Acme, created.Id))!;
        Assert.Same(first, await Service.GetAsync(Acme, created.Id)); // the second read comes from the cache

        DeviceProfile updated = (await Service.UpdateAsync(Acme, first with { Description = "v2" })).Profile!;
        Assert.Equal("v2", (await Service.GetAsync(Acme, created.Id))!.Description);
        Assert.Same(updated, await Service.GetAsync(Acme, created.Id));
        Assert.Null(await Service.GetAsync(Globex, created.Id));

        // A service over the same store (as after a restart) reads what the first one wrote.
        var fresh = new ProfileService(Store, Models);
        Assert.Equal("v2", (await fresh.GetAsync(Acme, created.Id))!.Description);

        await Service.DeleteAsync(Acme, created.Id);
        Assert.Null(await Service.GetAsync(Acme, created.Id));
    }

    [Fact]
    public async Task TwoTenantsWithTheSameProfileId_EachGetTheirOwn_AfterEitherWrites()
    {
        Guid id = Guid.NewGuid();
        DeviceProfile acme = (await Service.CreateAsync(Acme, GettingStarted("acme-side") with { Id = id })).Profile!;
        Assert.Equal("acme-side", (await Service.GetAsync(Acme, id))!.Name); // cached for Acme

        ProfileSaveResult globex = await Service.CreateAsync(Globex, GettingStarted("globex-side") with { Id = id });
        Assert.True(globex.Succeeded, globex.Error);

        Assert.Equal("acme-side", (await Service.GetAsync(Acme, id))!.Name);
        Assert.Equal("globex-side", (await Service.GetAsync(Globex, id))!.Name);
        await Service.UpdateAsync(Globex, globex.Profile! with { Description = "v2" });
        Assert.Equal(acme.Description, (await Service.GetAsync(Acme, id))!.Description);
        await Service.DeleteAsync(Globex, id);
        Assert.Null(await Service.GetAsync(Globex, id));
        Assert.Equal("acme-side", (await Service.GetAsync(Acme, id))!.Name);
    }

    [Fact]
    public async Task Store_Upsert_ReturnsWhatItReplaced()
    {
        DeviceProfile first = DeviceProfiles.CreateDefault(Acme);

        Assert.Null(await Store.UpsertAsync(first));
        DeviceProfile? replaced = await Store.UpsertAsync(first with { Name = "renamed" });

        Assert.Equal(DeviceProfiles.DefaultName, replaced?.Name);
        Assert.Equal("renamed", (await Store.GetAsync(Acme, first.Id))!.Name);
    }

    [Fact]
    public async Task CreateDefault_SavesAgainstTheLibrary()
    {
        ProfileSaveResult result = await Service.CreateAsync(Acme, DeviceProfiles.CreateDefault(Acme));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            ["manufacturer", "modelNumber", "serialNumber", "firmwareVersion", "batteryLevel", "radioSignalStrength", "linkQuality", "latitude", "longitude"],
            result.Profile!.Transport.EnumerateResources().Select(r => r.Resource.Key));
        Assert.Equal(
            ["/3_1.2/0/9", "/4_1.3/0/2", "/4_1.3/0/3", "/6_1.0/0/0", "/6_1.0/0/1"],
            result.Profile.Transport.ObservedPaths().Select(p => p.ToString()));
    }
}
