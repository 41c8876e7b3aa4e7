using FastLwm2m.Control.V1;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Profiles;
using Grpc.Core;

namespace FastLwm2m.Control.Tests;

[Collection(ControlCollection.Name)]
public sealed class ProfilesServiceTests(ControlTestHost host)
{
    private readonly Profiles.ProfilesClient _profiles = new(host.Channel);

    private static string NewTenant() => "profiles-" + Guid.NewGuid().ToString("N")[..8];

    private static string DefaultJson() => DeviceProfileJson.Serialize(DeviceProfiles.CreateDefault(TenantId.System).Transport);

    [Fact]
    public async Task Create_DefaultProfile_CanBeReadByIdAndNameAndListed()
    {
        string tenant = NewTenant();

        CreateProfileResponse created = await _profiles.CreateAsync(
            new CreateProfileRequest { Name = "default", Description = "built in", ProfileJson = DefaultJson() }, ControlTestHost.As(tenant));
        GetProfileResponse byId = await _profiles.GetAsync(new GetProfileRequest { Id = created.Profile.Id }, ControlTestHost.As(tenant));
        GetProfileResponse byName = await _profiles.GetAsync(new GetProfileRequest { Name = "default" }, ControlTestHost.As(tenant));
        ListProfilesResponse list = await _profiles.ListAsync(new ListProfilesRequest(), ControlTestHost.As(tenant));

        Assert.True(Guid.TryParse(created.Profile.Id, out _));
        Assert.Equal(tenant, created.Profile.Tenant);
        Assert.Equal(created.Profile, byId.Profile);
        Assert.Equal(created.Profile, byName.Profile);
        Assert.Equal([created.Profile.Id], list.Profiles.Select(p => p.Id));
        Lwm2mTransportConfiguration transport = DeviceProfileJson.Deserialize(byId.Profile.ProfileJson);
        Assert.Contains(transport.Objects, o => o.ObjectId == 3);
    }

    [Fact]
    public async Task Create_WithUnknownObject_IsInvalidArgumentNamingTheField()
    {
        string json = """{"objects":[{"objectId":64999,"version":"1.0","resources":[{"resourceId":0,"attribute":true}]}]}""";

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _profiles.CreateAsync(
            new CreateProfileRequest { Name = "bad", ProfileJson = json }, ControlTestHost.As(NewTenant())).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("profile_json.objects[", e.Status.Detail);
    }

    [Fact]
    public async Task Create_WithMalformedJson_IsInvalidArgumentNamingTheField()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _profiles.CreateAsync(
            new CreateProfileRequest { Name = "bad", ProfileJson = """{"objects":[{"objectId":"three"}]}""" }, ControlTestHost.As(NewTenant())).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("profile_json.objects[0].objectId:", e.Status.Detail);
    }

    [Fact]
    public async Task Create_WithoutName_IsInvalidArgumentNamingTheField()
    {
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _profiles.CreateAsync(
            new CreateProfileRequest { ProfileJson = DefaultJson() }, ControlTestHost.As(NewTenant())).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("name:", e.Status.Detail);
    }

    [Fact]
    public async Task Create_DuplicateName_IsAlreadyExists()
    {
        string tenant = NewTenant();
        await _profiles.CreateAsync(new CreateProfileRequest { Name = "p", ProfileJson = DefaultJson() }, ControlTestHost.As(tenant));

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _profiles.CreateAsync(
            new CreateProfileRequest { Name = "p", ProfileJson = DefaultJson() }, ControlTestHost.As(tenant)).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
        Assert.StartsWith("name:", e.Status.Detail);
    }

    [Fact]
    public async Task Update_ReplacesTheProfileAndReturnsTheOldOne()
    {
        string tenant = NewTenant();
        CreateProfileResponse created = await _profiles.CreateAsync(new CreateProfileRequest { Name = "p", ProfileJson = DefaultJson() }, ControlTestHost.As(tenant));

        UpdateProfileResponse updated = await _profiles.UpdateAsync(
            new UpdateProfileRequest { Id = created.Profile.Id, Name = "p2", ProfileJson = DefaultJson() }, ControlTestHost.As(tenant));
        RpcException missing = await Assert.ThrowsAsync<RpcException>(() => _profiles.UpdateAsync(
            new UpdateProfileRequest { Id = Guid.NewGuid().ToString(), Name = "p3" }, ControlTestHost.As(tenant)).ResponseAsync);

        Assert.Equal("p2", updated.Profile.Name);
        Assert.Equal("p", updated.Replaced.Name);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesTheProfile_ThenNotFound()
    {
        string tenant = NewTenant();
        CreateProfileResponse created = await _profiles.CreateAsync(new CreateProfileRequest { Name = "p", ProfileJson = DefaultJson() }, ControlTestHost.As(tenant));

        DeleteProfileResponse deleted = await _profiles.DeleteAsync(new DeleteProfileRequest { Id = created.Profile.Id }, ControlTestHost.As(tenant));
        RpcException again = await Assert.ThrowsAsync<RpcException>(() => _profiles.DeleteAsync(
            new DeleteProfileRequest { Id = created.Profile.Id }, ControlTestHost.As(tenant)).ResponseAsync);
        RpcException get = await Assert.ThrowsAsync<RpcException>(() => _profiles.GetAsync(
            new GetProfileRequest { Id = created.Profile.Id }, ControlTestHost.As(tenant)).ResponseAsync);
        ListProfilesResponse list = await _profiles.ListAsync(new ListProfilesRequest(), ControlTestHost.As(tenant));

        Assert.Equal(created.Profile.Id, deleted.Deleted.Id);
        Assert.Equal(StatusCode.NotFound, again.StatusCode);
        Assert.Equal(StatusCode.NotFound, get.StatusCode);
        Assert.Empty(list.Profiles);
    }

    [Fact]
    public async Task Get_AnotherTenantsProfile_IsNotFound()
    {
        CreateProfileResponse created = await _profiles.CreateAsync(new CreateProfileRequest { Name = "p", ProfileJson = DefaultJson() }, ControlTestHost.As(NewTenant()));

        RpcException e = await Assert.ThrowsAsync<RpcException>(() => _profiles.GetAsync(
            new GetProfileRequest { Id = created.Profile.Id }, ControlTestHost.As(NewTenant())).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }
}
