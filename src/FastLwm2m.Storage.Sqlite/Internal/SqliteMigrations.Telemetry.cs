namespace FastLwm2m.Storage.Sqlite.Internal;

internal static partial class SqliteMigrations
{
    /// <summary>
    /// Migration 4: telemetry history and latest values. A value is stored by type: integers (also
    /// time, unsigned as its bits, booleans, object links packed) in value_int, floats in value_real,
    /// strings and CoRE links in value_text, opaque in value_blob.
    /// </summary>
    private static SqliteMigration Telemetry => new(4, "telemetry", """
        CREATE TABLE telemetry (
            device      TEXT    NOT NULL,
            key         TEXT    NOT NULL,
            ts          INTEGER NOT NULL,
            type        INTEGER NOT NULL,
            value_int   INTEGER,
            value_real  REAL,
            value_text  TEXT,
            value_blob  BLOB
        );
        CREATE INDEX telemetry_by_device_key_time ON telemetry (device, key, ts);
        CREATE TABLE telemetry_latest (
            device      TEXT    NOT NULL,
            key         TEXT    NOT NULL,
            ts          INTEGER NOT NULL,
            type        INTEGER NOT NULL,
            value_int   INTEGER,
            value_real  REAL,
            value_text  TEXT,
            value_blob  BLOB,
            PRIMARY KEY (device, key)
        ) WITHOUT ROWID;
        """);
}
