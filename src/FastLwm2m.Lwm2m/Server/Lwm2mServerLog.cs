using Microsoft.Extensions.Logging;

namespace FastLwm2m.Lwm2m.Internal;

/// <summary>Log messages of the LwM2M server (stable event ids 1000-1099).</summary>
internal static partial class Lwm2mServerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Endpoint [{Endpoint}] {Line}")]
    public static partial void ClientRegistered(ILogger logger, string endpoint, string line);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Endpoint [{Endpoint}] Client updated registration {Id}")]
    public static partial void ClientUpdated(ILogger logger, string endpoint, string id);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Endpoint [{Endpoint}] Client de-registered {Id} ({Reason})")]
    public static partial void ClientDeregistered(ILogger logger, string endpoint, string id, DeregistrationReason reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Rejected {Operation} from {Peer}: {Error}")]
    public static partial void Rejected(ILogger logger, string operation, string peer, string error);
}
