using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using Google.Protobuf;
using Grpc.Core;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>fastlwm2m.v1.Models over <see cref="ModelLibrary"/>.</summary>
internal sealed class ModelsService(ControlContext platform) : V1.Models.ModelsBase
{
    public override async Task<V1.UploadModelsResponse> Upload(V1.UploadModelsRequest request, ServerCallContext context)
    {
        TenantId caller = Caller.Tenant(context);
        TenantId scope = request.Scope switch
        {
            V1.ModelScope.Unspecified => caller,
            V1.ModelScope.System when caller.IsSystem => TenantId.System,
            V1.ModelScope.System => throw Errors.PermissionDenied($"scope: tenant '{caller}' cannot upload system models"),
            V1.ModelScope.Tenant when !caller.IsSystem => caller,
            V1.ModelScope.Tenant => throw Errors.InvalidArgument("scope", $"the system administrator has no tenant scope; name a tenant with the {ControlMetadata.TenantHeader} header"),
            _ => throw Errors.InvalidArgument("scope", $"unknown value {(int)request.Scope}"),
        };
        if (request.Files.Count == 0)
        {
            throw Errors.InvalidArgument("files", "at least one file is required");
        }

        var files = new List<(string FileName, byte[] Content)>(request.Files.Count);
        foreach (V1.ModelFile file in request.Files)
        {
            files.Add((file.Name, file.Content.ToByteArray()));
        }

        ModelUploadResult result = await platform.Models.UploadAsync(scope, files, context.CancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            // The library's message names the file (e.g. "3303.xml: ..."); prefix the field.
            throw Errors.InvalidArgument("files", result.Error!);
        }

        var response = new V1.UploadModelsResponse();
        response.Added.AddRange(result.Added.Select(Mapping.ToProto));
        response.Replaced.AddRange(result.Replaced.Select(Mapping.ToProto));
        return response;
    }

    public override async Task<V1.ListModelsResponse> List(V1.ListModelsRequest request, ServerCallContext context)
    {
        IReadOnlyList<ModelInfo> models = await platform.Models.ListAsync(Caller.Tenant(context), context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListModelsResponse();
        response.Models.AddRange(models.Select(Mapping.ToProto));
        return response;
    }

    public override async Task<V1.GetModelResponse> Get(V1.GetModelRequest request, ServerCallContext context)
    {
        ObjectVersion version = ParseKey(request.ObjectId, request.Version);
        ModelInfo model = await platform.Models.GetAsync(Caller.Tenant(context), request.ObjectId, version, context.CancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound($"object {request.ObjectId} version {version} not found");
        return new V1.GetModelResponse { Model = Mapping.ToProto(model), Content = ByteString.CopyFrom(model.Content.Span) };
    }

    public override async Task<V1.DeleteModelResponse> Delete(V1.DeleteModelRequest request, ServerCallContext context)
    {
        ObjectVersion version = ParseKey(request.ObjectId, request.Version);
        ModelDeleteResult result = await platform.Models.DeleteAsync(Caller.Tenant(context), request.ObjectId, version, context.CancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            ModelDeleteStatus.Deleted => new V1.DeleteModelResponse { Deleted = Mapping.ToProto(result.Deleted!) },
            ModelDeleteStatus.Forbidden => throw Errors.PermissionDenied(result.Reason!),
            _ => throw Errors.NotFound(result.Reason!),
        };
    }

    private static ObjectVersion ParseKey(int objectId, string version)
    {
        // Object ids are 16-bit (LwM2M Core §7.1).
        if (objectId is < 0 or > ushort.MaxValue)
        {
            throw Errors.InvalidArgument("object_id", $"0 to 65535, got {objectId}");
        }

        if (string.IsNullOrEmpty(version))
        {
            return ObjectVersion.Default;
        }

        return ObjectVersion.TryParse(version, out ObjectVersion parsed)
            ? parsed
            : throw Errors.InvalidArgument("version", $"expected \"major.minor\", got '{version}'");
    }
}
