using System.Text.Json;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Profiles;
using Grpc.Core;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>fastlwm2m.v1.Profiles over <see cref="ProfileService"/>; profiles travel as <see cref="DeviceProfileJson"/>.</summary>
internal sealed class ProfilesService(ControlContext platform) : V1.Profiles.ProfilesBase
{
    public override async Task<V1.CreateProfileResponse> Create(V1.CreateProfileRequest request, ServerCallContext context)
    {
        Guid id = string.IsNullOrEmpty(request.Id) ? Guid.Empty : ParseId(request.Id, "id");
        var profile = new DeviceProfile
        {
            Id = id,
            Name = request.Name,
            Description = request.Description,
            Transport = ParseTransport(request.ProfileJson),
        };
        ProfileSaveResult result = await platform.Profiles.CreateAsync(Caller.Tenant(context), profile, context.CancellationToken).ConfigureAwait(false);
        ThrowIfFailed(result);
        return new V1.CreateProfileResponse { Profile = ToProto(result.Profile!) };
    }

    public override async Task<V1.UpdateProfileResponse> Update(V1.UpdateProfileRequest request, ServerCallContext context)
    {
        var profile = new DeviceProfile
        {
            Id = ParseId(request.Id, "id"),
            Name = request.Name,
            Description = request.Description,
            Transport = ParseTransport(request.ProfileJson),
        };
        ProfileSaveResult result = await platform.Profiles.UpdateAsync(Caller.Tenant(context), profile, context.CancellationToken).ConfigureAwait(false);
        ThrowIfFailed(result);
        return new V1.UpdateProfileResponse { Profile = ToProto(result.Profile!), Replaced = ToProto(result.Replaced!) };
    }

    public override async Task<V1.GetProfileResponse> Get(V1.GetProfileRequest request, ServerCallContext context)
    {
        TenantId tenant = Caller.Tenant(context);
        DeviceProfile? profile;
        switch (request.RefCase)
        {
            case V1.GetProfileRequest.RefOneofCase.Id:
                Guid id = ParseId(request.Id, "id");
                profile = await platform.Profiles.GetAsync(tenant, id, context.CancellationToken).ConfigureAwait(false)
                    ?? throw Errors.NotFound($"profile {id} not found");
                break;
            case V1.GetProfileRequest.RefOneofCase.Name when !string.IsNullOrWhiteSpace(request.Name):
                // Names are unique per tenant (the save checks), so the first match is the one.
                IReadOnlyList<DeviceProfile> all = await platform.Profiles.ListAsync(tenant, context.CancellationToken).ConfigureAwait(false);
                profile = all.FirstOrDefault(p => string.Equals(p.Name, request.Name.Trim(), StringComparison.Ordinal))
                    ?? throw Errors.NotFound($"profile '{request.Name}' not found");
                break;
            case V1.GetProfileRequest.RefOneofCase.Name:
                throw Errors.InvalidArgument("name", "required");
            default:
                throw Errors.InvalidArgument("ref", "required: give id or name");
        }

        return new V1.GetProfileResponse { Profile = ToProto(profile) };
    }

    public override async Task<V1.ListProfilesResponse> List(V1.ListProfilesRequest request, ServerCallContext context)
    {
        IReadOnlyList<DeviceProfile> profiles = await platform.Profiles.ListAsync(Caller.Tenant(context), context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListProfilesResponse();
        response.Profiles.AddRange(profiles.Select(ToProto));
        return response;
    }

    public override async Task<V1.DeleteProfileResponse> Delete(V1.DeleteProfileRequest request, ServerCallContext context)
    {
        Guid id = ParseId(request.Id, "id");
        DeviceProfile deleted = await platform.Profiles.DeleteAsync(Caller.Tenant(context), id, context.CancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound($"profile {id} not found");
        return new V1.DeleteProfileResponse { Deleted = ToProto(deleted) };
    }

    private static V1.Profile ToProto(DeviceProfile profile) => new()
    {
        Id = profile.Id.ToString(),
        Tenant = profile.Tenant.IsSystem ? "" : profile.Tenant.ToString(),
        Name = profile.Name,
        Description = profile.Description,
        ProfileJson = DeviceProfileJson.Serialize(profile.Transport),
        UpdatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(profile.UpdatedAt),
    };

    private static Guid ParseId(string text, string field)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw Errors.InvalidArgument(field, "required");
        }

        return Guid.TryParse(text, out Guid id) ? id : throw Errors.InvalidArgument(field, $"not a UUID: '{text}'");
    }

    private static Lwm2mTransportConfiguration ParseTransport(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Lwm2mTransportConfiguration();
        }

        try
        {
            return DeviceProfileJson.Deserialize(json);
        }
        catch (JsonException e)
        {
            // e.Path is the JSON path of the bad token ("$.objects[0].version"): name the field by it.
            string field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "profile_json" : "profile_json" + e.Path[1..];
            throw Errors.InvalidArgument(field, FirstSentence(e.Message));
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    /// <summary>Maps a failed save: NOT_FOUND, ALREADY_EXISTS for a taken name or id, else INVALID_ARGUMENT naming the fields.</summary>
    private static void ThrowIfFailed(ProfileSaveResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Status == ProfileSaveStatus.NotFound)
        {
            throw Errors.NotFound(result.Error ?? "profile not found");
        }

        ProfileValidationError? taken = result.Errors.FirstOrDefault(e =>
            e.Field is "name" or "id" && e.Message.Contains("already", StringComparison.Ordinal));
        if (taken is not null)
        {
            throw Errors.AlreadyExists(taken.ToString());
        }

        // Transport fields are relative to the configuration: prefix them with the message field.
        throw Errors.InvalidArgument(string.Join("; ", result.Errors.Select(e =>
            e.Field is "name" or "id" or "description" ? e.ToString() : $"profile_json.{e.Field}: {e.Message}")));
    }
}
