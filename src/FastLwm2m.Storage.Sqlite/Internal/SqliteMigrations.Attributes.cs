namespace FastLwm2m.Storage.Sqlite.Internal;

internal static partial class SqliteMigrations
{
    /// <summary>
    /// Migration 5: the latest attribute value per device and key (<see cref="SqliteAttributeStore"/>).
    /// Values are stored by type as in <c>telemetry_latest</c> (migration 4).
    /// </summary>
    private static SqliteMigration Attributes => new(5, "attributes", """
        -- device: the endpoint name. ts: Unix time in milliseconds of the reported value.
        -- type: ResourceType; integers (also time, unsigned as its bits, booleans, object links packed)
        --   in value_int, floats in value_real, strings and CoRE links in value_text, opaque in value_blob.
        CREATE TABLE attributes (
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
