using FastLwm2m.Control.Internal;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the FastLwm2m gRPC control plane.</summary>
public static class ControlEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the services of the <c>fastlwm2m.v1</c> package (Models, Profiles, Devices, Rpc,
    /// Operations (the typed variant of Rpc), Telemetry, Attributes, TransportLog, Events), gRPC server reflection and the gRPC health service (grpc.health.v1).
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (the web application).</param>
    /// <returns>The endpoint route builder.</returns>
    public static IEndpointRouteBuilder MapFastLwm2mControl(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<ModelsService>();
        endpoints.MapGrpcService<ProfilesService>();
        endpoints.MapGrpcService<DevicesService>();
        endpoints.MapGrpcService<RpcGrpcService>();
        endpoints.MapGrpcService<OperationsGrpcService>();
        endpoints.MapGrpcService<TelemetryService>();
        endpoints.MapGrpcService<AttributesService>();
        endpoints.MapGrpcService<TransportLogService>();
        endpoints.MapGrpcService<EventsService>();
        endpoints.MapGrpcReflectionService();
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}
