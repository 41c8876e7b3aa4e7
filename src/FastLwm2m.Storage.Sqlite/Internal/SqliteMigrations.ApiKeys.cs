namespace FastLwm2m.Storage.Sqlite.Internal;

internal static partial class SqliteMigrations
{
    /// <summary>
    /// Migration 8: the control plane's API keys. secret_hash is SHA-256 of the secret, never the
    /// secret; role 1 = system administrator, 2 = tenant administrator; tenant '' for the system
    /// administrator; created_at is Unix milliseconds.
    /// </summary>
    private static SqliteMigration ApiKeys => new(8, "api keys", """
        CREATE TABLE api_keys (
            id          TEXT    NOT NULL PRIMARY KEY,
            name        TEXT    NOT NULL,
            role        INTEGER NOT NULL,
            tenant      TEXT    NOT NULL,
            created_at  INTEGER NOT NULL,
            secret_hash BLOB    NOT NULL
        ) WITHOUT ROWID;
        """);
}
