using Microsoft.Extensions.Logging;

namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>Log messages of the LwM2M client (event ids 3100-3199).</summary>
internal static partial class Lwm2mClientLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Client {Endpoint} registered at {Server}: {Location}")]
    public static partial void Registered(ILogger logger, string endpoint, string server, string location);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Client {Endpoint}: registration failed: {Reason}")]
    public static partial void RegistrationFailed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Client {Endpoint}: registration updated")]
    public static partial void Updated(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Client {Endpoint}: Update failed ({Reason}); registering again")]
    public static partial void UpdateFailed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Client {Endpoint}: de-registered ({Result})")]
    public static partial void Deregistered(ILogger logger, string endpoint, string result);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Debug, Message = "Client {Endpoint}: {Method} {Path} answered {Code}")]
    public static partial void RequestHandled(ILogger logger, string endpoint, string method, string path, string code);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Error, Message = "Client {Endpoint}: request handler failed")]
    public static partial void HandlerFailed(ILogger logger, string endpoint, Exception exception);
}
