using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Rpc;
using Grpc.Core;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>fastlwm2m.v1.Rpc over <see cref="RpcService"/>.</summary>
internal sealed class RpcGrpcService(ControlContext platform) : V1.Rpc.RpcBase
{
    public override async Task<V1.ExecuteRpcResponse> Execute(V1.ExecuteRpcRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Method))
        {
            throw Errors.InvalidArgument("method", $"required; one of {string.Join(", ", RpcService.Methods)}");
        }

        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, Caller.Tenant(context), request.Device, "device", context.CancellationToken).ConfigureAwait(false);
        Registration registration = platform.Server.Registrations.Store.GetByEndpoint(device.Endpoint)
            ?? throw Errors.FailedPrecondition($"device {device.Endpoint} is not registered");
        RpcResult result = await platform.ExecuteRpcAsync(device, registration, request.Method, request.ParamsJson, context.CancellationToken)
            .ConfigureAwait(false);

        // A BAD_REQUEST without a device response is the RpcService rejecting the request itself.
        if (result.Result == "BAD_REQUEST" && result.Response is null)
        {
            string error = result.Error ?? "invalid request";
            throw error.StartsWith("params", StringComparison.Ordinal)
                ? Errors.InvalidArgument("params_json" + error["params".Length..])
                : error.StartsWith("Unsupported method", StringComparison.Ordinal)
                    ? Errors.InvalidArgument("method", error)
                    : Errors.InvalidArgument("params_json", error);
        }

        if (result.Result == "TIMEOUT")
        {
            throw Errors.DeadlineExceeded($"device {device.Endpoint} did not answer {request.Method}");
        }

        return new V1.ExecuteRpcResponse { ResultJson = result.ToJson(), Result = result.Result, Success = result.IsSuccess };
    }
}
