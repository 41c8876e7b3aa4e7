using FastLwm2m.Platform;
using FastLwm2m.Platform.ApiKeys;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;

namespace FastLwm2m.Control.Internal;

/// <summary>
/// Authenticates every control-plane call with an API key when <see cref="ControlContext.ApiKeys"/>
/// is set, and records the tenant the call acts for (read by <see cref="Caller.Tenant"/>). The gRPC
/// health service stays open, so probes need no key. The key's text is never logged or echoed.
/// </summary>
internal sealed class ApiKeyInterceptor(IServiceProvider services) : Interceptor
{
    private const string HealthPrefix = "/grpc.health.v1.";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context).ConfigureAwait(false);
        return await continuation(request, context).ConfigureAwait(false);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context).ConfigureAwait(false);
        return await continuation(requestStream, context).ConfigureAwait(false);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context).ConfigureAwait(false);
        await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthenticateAsync(context).ConfigureAwait(false);
        await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    private async Task AuthenticateAsync(ServerCallContext context)
    {
        // Health first: probes must not resolve the ControlContext, which a host may build lazily
        // once its LwM2M server started.
        if (context.Method.StartsWith(HealthPrefix, StringComparison.Ordinal))
        {
            return;
        }

        ApiKeyService? keys = services.GetService<ControlContext>()?.ApiKeys;
        if (keys is null)
        {
            return;
        }

        string? token = Token(context.RequestHeaders);
        if (token is null)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"an API key is required: send '{ControlMetadata.AuthorizationHeader}: Bearer flk_…' or '{ControlMetadata.ApiKeyHeader}: flk_…'"));
        }

        ApiKey key = await keys.AuthenticateAsync(token, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "the API key is not valid (unknown, revoked or malformed)"));

        string? named = context.RequestHeaders.GetValue(ControlMetadata.TenantHeader)?.Trim();
        TenantId tenant;
        if (key.Role == ApiKeyRole.SystemAdministrator)
        {
            // The system administrator may still act for a tenant by naming it.
            tenant = string.IsNullOrEmpty(named) ? TenantId.System : new TenantId(named);
        }
        else
        {
            if (!string.IsNullOrEmpty(named) && named != key.Tenant.Value)
            {
                throw Errors.PermissionDenied($"the API key '{key.Id}' belongs to tenant '{key.Tenant}' and cannot act for tenant '{named}'");
            }

            tenant = key.Tenant;
        }

        context.UserState[Caller.TenantKey] = tenant;
    }

    private static string? Token(Metadata headers)
    {
        string? authorization = headers.GetValue(ControlMetadata.AuthorizationHeader);
        if (authorization is not null)
        {
            const string Bearer = "Bearer ";
            return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > Bearer.Length
                ? authorization[Bearer.Length..].Trim()
                : null;
        }

        string? apiKey = headers.GetValue(ControlMetadata.ApiKeyHeader)?.Trim();
        return string.IsNullOrEmpty(apiKey) ? null : apiKey;
    }
}
