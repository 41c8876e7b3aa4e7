using Microsoft.Extensions.Logging;

namespace FastLwm2m.Storage.Sqlite.Internal;

/// <summary>Log messages of <see cref="SqliteTransportLog"/> (stable event ids 5600-5699).</summary>
internal static partial class SqliteTransportLogLog
{
    [LoggerMessage(EventId = 5600, Level = LogLevel.Warning, Message = "Transport log: {Count} lines could not be written and were dropped")]
    public static partial void WriteFailed(ILogger logger, int count, Exception exception);
}
