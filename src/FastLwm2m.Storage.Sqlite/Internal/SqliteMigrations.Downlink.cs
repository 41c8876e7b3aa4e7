namespace FastLwm2m.Storage.Sqlite.Internal;

internal static partial class SqliteMigrations
{
    /// <summary>
    /// Migration 7: the downlink queue, requests waiting for sleeping queue-mode devices. seq orders
    /// a device's queue (AUTOINCREMENT: never reused, so order holds after deletes and restarts);
    /// kind 1 = RPC, 2 = shared attribute write; times are Unix milliseconds.
    /// </summary>
    private static SqliteMigration Downlink => new(7, "downlink queue", """
        CREATE TABLE downlink_queue (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            id          TEXT    NOT NULL UNIQUE,
            device      TEXT    NOT NULL,
            kind        INTEGER NOT NULL,
            name        TEXT    NOT NULL,
            json        TEXT,
            enqueued_at INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL
        );
        CREATE INDEX downlink_queue_by_device ON downlink_queue (device, seq);
        CREATE INDEX downlink_queue_by_expiry ON downlink_queue (expires_at);
        """);

    /// <summary>
    /// Migration 9: what became of requests that left the queue (state 2 = delivered, with the result
    /// JSON; 3 = expired; 4 = cancelled), kept for a retention period so a caller told "QUEUED" can ask
    /// later; and per device, how many queued requests expired in total.
    /// </summary>
    private static SqliteMigration DownlinkOutcomes => new(9, "downlink outcomes and expired counts", """
        CREATE TABLE downlink_outcomes (
            id           TEXT    NOT NULL PRIMARY KEY,
            device       TEXT    NOT NULL,
            kind         INTEGER NOT NULL,
            name         TEXT    NOT NULL,
            json         TEXT,
            enqueued_at  INTEGER NOT NULL,
            expires_at   INTEGER NOT NULL,
            seq          INTEGER NOT NULL,
            state        INTEGER NOT NULL,
            result       TEXT,
            completed_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX downlink_outcomes_by_completion ON downlink_outcomes (completed_at);
        CREATE INDEX downlink_outcomes_by_device ON downlink_outcomes (device);
        CREATE TABLE downlink_expired (
            device  TEXT    NOT NULL PRIMARY KEY,
            expired INTEGER NOT NULL
        ) WITHOUT ROWID;
        """);
}
