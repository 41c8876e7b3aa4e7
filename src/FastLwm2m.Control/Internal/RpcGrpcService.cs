using FastLwm2m.Platform;
using FastLwm2m.Platform.Downlink;
using FastLwm2m.Platform.Rpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>fastlwm2m.v1.Rpc over <see cref="RpcService"/>, and the downlink queue's requests by id.</summary>
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

    public override async Task<V1.QueuedRequest> GetQueued(V1.GetQueuedRequest request, ServerCallContext context)
    {
        DownlinkQueue downlink = Downlink();
        Guid id = ParseRequestId(request.RequestId);
        DownlinkRequestStatus status = await downlink.GetRequestStatusAsync(id, context.CancellationToken).ConfigureAwait(false) is { } found && IsCallers(found.Request, context)
            ? found
            : throw Errors.NotFound($"queued request {id} not found");
        return ToProto(status);
    }

    public override async Task<V1.ListQueuedResponse> ListQueued(V1.ListQueuedRequest request, ServerCallContext context)
    {
        DownlinkQueue downlink = Downlink();
        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, Caller.Tenant(context), request.Device, "device", context.CancellationToken).ConfigureAwait(false);
        var queued = await downlink.ListAsync(device.Endpoint, context.CancellationToken).ConfigureAwait(false);
        var status = await downlink.GetStatusAsync(device.Endpoint, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListQueuedResponse { ExpiredTotal = (ulong)status.Expired };
        response.Requests.AddRange(queued.Select(static r => ToProto(new DownlinkRequestStatus { Request = r, State = DownlinkRequestState.Queued })));
        return response;
    }

    public override async Task<V1.QueuedRequest> CancelQueued(V1.CancelQueuedRequest request, ServerCallContext context)
    {
        DownlinkQueue downlink = Downlink();
        Guid id = ParseRequestId(request.RequestId);
        if (await downlink.GetRequestStatusAsync(id, context.CancellationToken).ConfigureAwait(false) is not { } status || !IsCallers(status.Request, context))
        {
            throw Errors.NotFound($"queued request {id} not found");
        }

        if (status.State != DownlinkRequestState.Queued)
        {
            throw Errors.FailedPrecondition($"queued request {id} is no longer queued: {status.State.ToString().ToLowerInvariant()}");
        }

        if (await downlink.CancelAsync(id, context.CancellationToken).ConfigureAwait(false) is not { } cancelled)
        {
            DownlinkRequestStatus now = await downlink.GetRequestStatusAsync(id, context.CancellationToken).ConfigureAwait(false) ?? status;
            throw Errors.FailedPrecondition(now.State == DownlinkRequestState.Queued
                ? $"queued request {id} is being delivered to the device"
                : $"queued request {id} is no longer queued: {now.State.ToString().ToLowerInvariant()}");
        }

        return ToProto(new DownlinkRequestStatus { Request = cancelled, State = DownlinkRequestState.Cancelled, CompletedAt = DateTimeOffset.UtcNow });
    }

    private DownlinkQueue Downlink() =>
        platform.Downlink ?? throw Errors.FailedPrecondition("this server runs no downlink queue");

    private static Guid ParseRequestId(string text) =>
        Guid.TryParse(text, out Guid id) ? id : throw Errors.InvalidArgument("request_id", $"not a UUID: '{text}'");

    // Another tenant's request is reported as missing, like another tenant's device.
    private bool IsCallers(DownlinkRequest request, ServerCallContext context) =>
        platform.Devices.FindByEndpoint(request.Endpoint) is { } device && device.Tenant == Caller.Tenant(context);

    private static V1.QueuedRequest ToProto(DownlinkRequestStatus status)
    {
        DownlinkRequest request = status.Request;
        var proto = new V1.QueuedRequest
        {
            RequestId = request.Id.ToString(),
            Endpoint = request.Endpoint,
            State = status.State switch
            {
                DownlinkRequestState.Queued => V1.QueuedRequestState.Queued,
                DownlinkRequestState.Delivered => V1.QueuedRequestState.Delivered,
                DownlinkRequestState.Expired => V1.QueuedRequestState.Expired,
                DownlinkRequestState.Cancelled => V1.QueuedRequestState.Cancelled,
                _ => V1.QueuedRequestState.Unspecified,
            },
            Kind = request.Kind == DownlinkRequestKind.Rpc ? "rpc" : "shared_attribute",
            Method = request.Name,
            ParamsJson = request.Json ?? "",
            EnqueuedAt = Timestamp.FromDateTimeOffset(request.EnqueuedAt),
            ExpiresAt = Timestamp.FromDateTimeOffset(request.ExpiresAt),
            ResultJson = status.ToResultJson(),
        };
        if (status.CompletedAt is { } completed)
        {
            proto.CompletedAt = Timestamp.FromDateTimeOffset(completed);
        }

        return proto;
    }
}
