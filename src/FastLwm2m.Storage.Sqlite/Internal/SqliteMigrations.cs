namespace FastLwm2m.Storage.Sqlite.Internal;

/// <summary>
/// The schema of the embedded store, as ordered migrations. Add a store's tables with a new entry
/// at the end (profiles, devices, credentials, attributes, latest telemetry, time series, transport
/// logs); never edit a released one, since existing files have already applied it.
/// </summary>
internal static partial class SqliteMigrations
{
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(1, "object models", """
            -- scope: '' for the system level, else the tenant id.
            -- version: ObjectVersion packed as major << 8 | minor, so it sorts numerically.
            -- content: the uploaded DDF file, unchanged (a file defining several objects is stored with each).
            -- updated_at: Unix time in milliseconds.
            CREATE TABLE object_models (
                scope       TEXT    NOT NULL,
                object_id   INTEGER NOT NULL,
                version     INTEGER NOT NULL,
                name        TEXT    NOT NULL,
                file_name   TEXT    NOT NULL,
                content     BLOB    NOT NULL,
                updated_at  INTEGER NOT NULL,
                PRIMARY KEY (scope, object_id, version)
            ) WITHOUT ROWID;
            """),
        Profiles,  // 2: SqliteMigrations.Profiles.cs
        Devices,   // 3: SqliteMigrations.Devices.cs
        Telemetry, // 4: SqliteMigrations.Telemetry.cs
        Attributes,   // 5: SqliteMigrations.Attributes.cs
        TransportLog, // 6: SqliteMigrations.TransportLog.cs
        Downlink,     // 7: SqliteMigrations.Downlink.cs
        ApiKeys,      // 8: SqliteMigrations.ApiKeys.cs
        DownlinkOutcomes, // 9: SqliteMigrations.Downlink.cs
    ];

    /// <summary>The schema version a file has once every migration ran.</summary>
    public static int Latest => All[^1].Version;
}
