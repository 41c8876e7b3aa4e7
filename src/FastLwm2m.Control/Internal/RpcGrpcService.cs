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

        RpcResult result = await RpcInvoker.ExecuteAsync(platform, context, request.Device, request.Method, request.ParamsJson, static error =>
            error.StartsWith("params", StringComparison.Ordinal)
                ? Errors.InvalidArgument("params_json" + error["params".Length..])
                : error.StartsWith("Unsupported method", StringComparison.Ordinal)
                    ? Errors.InvalidArgument("method", error)
                    : Errors.InvalidArgument("params_json", error)).ConfigureAwait(false);

        return new V1.ExecuteRpcResponse { ResultJson = result.ToJson(), Result = result.Result, Success = result.IsSuccess };
    }
}
