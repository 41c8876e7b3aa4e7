using FastLwm2m.Platform;
using Grpc.Core;
using PlatformPoint = FastLwm2m.Platform.Telemetry.TelemetryPoint;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>fastlwm2m.v1.Telemetry over <see cref="FastLwm2m.Platform.Telemetry.ITelemetryStore"/>.</summary>
internal sealed class TelemetryService(ControlContext platform) : V1.Telemetry.TelemetryBase
{
    private const int MaxHistory = 10_000;

    public override async Task<V1.LatestTelemetryResponse> Latest(V1.LatestTelemetryRequest request, ServerCallContext context)
    {
        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, Caller.Tenant(context), request.Device, "device", context.CancellationToken).ConfigureAwait(false);
        IReadOnlyList<PlatformPoint> points = await platform.Telemetry.GetLatestAsync(device.Endpoint, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.LatestTelemetryResponse();
        response.Points.AddRange(points.OrderBy(p => p.Key, StringComparer.Ordinal).Select(ToProto));
        return response;
    }

    public override async Task<V1.TelemetryHistoryResponse> History(V1.TelemetryHistoryRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Key))
        {
            throw Errors.InvalidArgument("key", "required");
        }

        if (request.From is null)
        {
            throw Errors.InvalidArgument("from", "required");
        }

        if (request.To is null)
        {
            throw Errors.InvalidArgument("to", "required");
        }

        long from = request.From.ToDateTimeOffset().ToUnixTimeMilliseconds();
        long to = request.To.ToDateTimeOffset().ToUnixTimeMilliseconds();
        if (to <= from)
        {
            throw Errors.InvalidArgument("to", "must be after from");
        }

        if (request.Limit is < 0 or > MaxHistory)
        {
            throw Errors.InvalidArgument("limit", $"0 to {MaxHistory}, got {request.Limit}");
        }

        DeviceInfo device = await DeviceResolver.ResolveAsync(platform.Devices, Caller.Tenant(context), request.Device, "device", context.CancellationToken).ConfigureAwait(false);
        IReadOnlyList<PlatformPoint> points = await platform.Telemetry
            .GetHistoryAsync(device.Endpoint, request.Key, from, to, request.Limit == 0 ? MaxHistory : request.Limit, context.CancellationToken)
            .ConfigureAwait(false);
        var response = new V1.TelemetryHistoryResponse();
        response.Points.AddRange(points.Select(ToProto));
        return response;
    }

    private static V1.TelemetryPoint ToProto(PlatformPoint point) => new()
    {
        Key = point.Key,
        Time = Mapping.FromUnixMilliseconds(point.TimestampMilliseconds),
        Value = Mapping.ToProto(point.Value),
    };
}
