using FastLwm2m.Lwm2m;
using FastLwm2m.Platform;
using FastLwm2m.Platform.Rpc;
using Grpc.Core;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>
/// Runs one of the guide's RPC methods for a control-plane call, the single code path of
/// fastlwm2m.v1.Rpc and fastlwm2m.v1.Operations: the caller's device, its registration, then
/// <see cref="ControlContext.ExecuteRpcAsync"/> (downlink queue, profile keys, transport log).
/// </summary>
internal static class RpcInvoker
{
    /// <summary>
    /// The result of <paramref name="method"/> with <paramref name="paramsJson"/> on the device
    /// <paramref name="reference"/> names. NOT_FOUND for an unknown device; FAILED_PRECONDITION when
    /// it is not registered; DEADLINE_EXCEEDED when it does not answer; a BAD_REQUEST the
    /// <see cref="RpcService"/> gives without asking the device (invalid params) becomes the error
    /// <paramref name="invalid"/> makes of its message. Every other result is returned.
    /// </summary>
    public static async Task<RpcResult> ExecuteAsync(
        ControlContext platform,
        ServerCallContext context,
        V1.DeviceRef? reference,
        string method,
        string? paramsJson,
        Func<string, RpcException> invalid)
    {
        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, Caller.Tenant(context), reference, "device", context.CancellationToken).ConfigureAwait(false);
        Registration registration = platform.Server.Registrations.Store.GetByEndpoint(device.Endpoint)
            ?? throw Errors.FailedPrecondition($"device {device.Endpoint} is not registered");
        RpcResult result = await platform.ExecuteRpcAsync(device, registration, method, paramsJson, context.CancellationToken)
            .ConfigureAwait(false);

        // A BAD_REQUEST without a device response is the RpcService rejecting the request itself.
        if (result.Result == "BAD_REQUEST" && result.Response is null)
        {
            throw invalid(result.Error ?? "invalid request");
        }

        if (result.Result == "TIMEOUT")
        {
            throw Errors.DeadlineExceeded($"device {device.Endpoint} did not answer {method}");
        }

        return result;
    }
}
