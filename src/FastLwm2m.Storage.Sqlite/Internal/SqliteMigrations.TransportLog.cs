namespace FastLwm2m.Storage.Sqlite.Internal;

internal static partial class SqliteMigrations
{
    /// <summary>Migration 6: the per-device transport log (<see cref="SqliteTransportLog"/>).</summary>
    private static SqliteMigration TransportLog => new(6, "transport log", """
        -- seq: the rowid, so lines of a device read back in the order they were appended
        --   (timestamps of lines appended in the same millisecond tie).
        -- device: the endpoint name. ts: Unix time in milliseconds. message: the line.
        CREATE TABLE transport_log (
            seq         INTEGER PRIMARY KEY,
            device      TEXT    NOT NULL,
            ts          INTEGER NOT NULL,
            message     TEXT    NOT NULL
        );
        -- The newest lines of a device, and trimming it to its cap.
        CREATE INDEX transport_log_by_device ON transport_log (device, seq);
        """);
}
