namespace FastLwm2m.Storage.Sqlite.Internal;

internal static partial class SqliteMigrations
{
    /// <summary>Migration 3: devices and their credentials (<see cref="SqliteDeviceStore"/>).</summary>
    private static SqliteMigration Devices => new(3, "devices and credentials", """
        -- id, profile_id: Guid, 'D' format.
        -- tenant: '' for the system level, else the tenant id.
        -- endpoint, psk_identity: unique across tenants (the identities a client presents);
        --   several NULL psk_identity rows are allowed (SQLite's UNIQUE ignores NULLs).
        -- credentials_type: 'nosec', 'psk', 'rpk' or 'x509'; the columns of the other types are NULL.
        -- psk_key_hex: a secret, stored as given: encryption at rest is a later concern.
        -- rpk_public_key: base64 SubjectPublicKeyInfo. x509_certificate: PEM, or NULL with x509_trust_by_ca = 1.
        -- created_at: Unix time in milliseconds.
        CREATE TABLE devices (
            id                TEXT    NOT NULL PRIMARY KEY,
            tenant            TEXT    NOT NULL,
            name              TEXT    NOT NULL,
            profile_id        TEXT    NOT NULL,
            endpoint          TEXT    NOT NULL UNIQUE,
            credentials_type  TEXT    NOT NULL CHECK (credentials_type IN ('nosec', 'psk', 'rpk', 'x509')),
            psk_identity      TEXT    UNIQUE,
            psk_key_hex       TEXT,
            rpk_public_key    TEXT,
            x509_certificate  TEXT,
            x509_trust_by_ca  INTEGER NOT NULL DEFAULT 0,
            auto_provisioned  INTEGER NOT NULL DEFAULT 0,
            created_at        INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX devices_by_tenant_name ON devices (tenant, name);
        """);
}
