using FastLwm2m.Control;
using FastLwm2m.Control.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the FastLwm2m gRPC control plane.</summary>
public static class ControlServiceCollectionExtensions
{
    /// <summary>
    /// Adds gRPC, gRPC server reflection, the gRPC health service (grpc.health.v1, over the host's
    /// ASP.NET Core health checks) and the control plane's services. The host registers a
    /// <see cref="ControlContext"/> too (before or after this call), then maps the services with
    /// <see cref="Microsoft.AspNetCore.Builder.ControlEndpointRouteBuilderExtensions.MapFastLwm2mControl"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="context">The context to register; null when the host registers its own.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFastLwm2mControl(this IServiceCollection services, ControlContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = false;
            // Checks the API key of every call when ControlContext.ApiKeys is set.
            options.Interceptors.Add<ApiKeyInterceptor>();
        });
        services.AddGrpcReflection();
        // Checks run on each Check call rather than from the 5-second publisher cache, so a
        // freshly started host answers SERVING at once.
        // A liveness check of our own: with no check at all the health service answers UNKNOWN.
        // The host adds readiness checks (stores, LwM2M server) to the same builder.
        services.AddGrpcHealthChecks(options => options.UseHealthChecksCache = false)
            .AddCheck("fastlwm2m-control", static () => HealthCheckResult.Healthy("control plane is up"));
        if (context is not null)
        {
            services.TryAddSingleton(context);
        }

        return services;
    }
}
