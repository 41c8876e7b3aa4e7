using FastLwm2m.Platform;
using FastLwm2m.Platform.Attributes;
using FastLwm2m.Platform.Rpc;
using Grpc.Core;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>fastlwm2m.v1.Attributes over <see cref="IAttributeStore"/> and <see cref="FastLwm2m.Platform.SharedAttributes.SharedAttributeService"/>.</summary>
internal sealed class AttributesService(ControlContext platform) : V1.Attributes.AttributesBase
{
    public override async Task<V1.GetAttributesResponse> Get(V1.GetAttributesRequest request, ServerCallContext context)
    {
        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, Caller.Tenant(context), request.Device, "device", context.CancellationToken).ConfigureAwait(false);
        IReadOnlyList<AttributeValue> values = await platform.Attributes.GetAsync(device.Endpoint, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.GetAttributesResponse();
        response.Attributes.AddRange(values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new V1.AttributeEntry
        {
            Key = v.Key,
            Value = Mapping.ToProto(v.Value),
            Time = Mapping.FromUnixMilliseconds(v.TimestampMilliseconds),
        }));
        return response;
    }

    public override async Task<V1.UpdateAttributeResponse> Update(V1.UpdateAttributeRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Key))
        {
            throw Errors.InvalidArgument("key", "required");
        }

        if (string.IsNullOrWhiteSpace(request.ValueJson))
        {
            throw Errors.InvalidArgument("value_json", "required");
        }

        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, Caller.Tenant(context), request.Device, "device", context.CancellationToken).ConfigureAwait(false);
        if (platform.SharedAttributes is not { } shared)
        {
            throw Errors.FailedPrecondition("shared attributes are not enabled");
        }

        RpcResult result = await shared.UpdateAsync(device.Endpoint, request.Key, request.ValueJson, cancellationToken: context.CancellationToken).ConfigureAwait(false);
        return new V1.UpdateAttributeResponse { ResultJson = result.ToJson(), Result = result.Result, Success = result.IsSuccess };
    }
}
