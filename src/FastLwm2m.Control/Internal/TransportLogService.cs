using FastLwm2m.Platform;
using Grpc.Core;
using PlatformEntry = FastLwm2m.Platform.TransportLog.TransportLogEntry;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>fastlwm2m.v1.TransportLog over <see cref="FastLwm2m.Platform.TransportLog.ITransportLog"/>.</summary>
internal sealed class TransportLogService(ControlContext platform) : V1.TransportLog.TransportLogBase
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 10_000;

    public override async Task<V1.GetTransportLogResponse> Get(V1.GetTransportLogRequest request, ServerCallContext context)
    {
        if (request.Limit is < 0 or > MaxLimit)
        {
            throw Errors.InvalidArgument("limit", $"0 to {MaxLimit}, got {request.Limit}");
        }

        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, Caller.Tenant(context), request.Device, "device", context.CancellationToken).ConfigureAwait(false);
        IReadOnlyList<PlatformEntry> entries = await platform.TransportLog
            .GetAsync(device.Endpoint, request.Limit == 0 ? DefaultLimit : request.Limit, context.CancellationToken)
            .ConfigureAwait(false);
        var response = new V1.GetTransportLogResponse();
        response.Entries.AddRange(entries.Select(e => new V1.TransportLogEntry
        {
            Time = Mapping.FromUnixMilliseconds(e.TimestampMilliseconds),
            Message = e.Message,
        }));
        return response;
    }
}
