namespace FastLwm2m.Storage.Sqlite.Internal;

internal static partial class SqliteMigrations
{
    /// <summary>Migration 2: device profiles.</summary>
    private static SqliteMigration Profiles => new(2, "device profiles", """
        -- tenant: '' for the system level, else the tenant id.
        -- id: the profile's Guid in "D" form (lower case).
        -- transport: the LwM2M transport configuration as JSON (DeviceProfileJson).
        -- updated_at: Unix time in milliseconds.
        CREATE TABLE device_profiles (
            tenant      TEXT    NOT NULL,
            id          TEXT    NOT NULL,
            name        TEXT    NOT NULL,
            description TEXT    NOT NULL,
            transport   TEXT    NOT NULL,
            updated_at  INTEGER NOT NULL,
            PRIMARY KEY (tenant, id)
        ) WITHOUT ROWID;
        -- Listings by name; not UNIQUE: name uniqueness is the service's rule, not the store's.
        CREATE INDEX device_profiles_by_name ON device_profiles (tenant, name);
        """);
}
