using System.Globalization;
using FastLwm2m.Platform;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Storage.Sqlite;

/// <summary>
/// The <see cref="IDeviceStore"/> of the embedded SQLite file: table <c>devices</c>, one row per
/// device with its credentials' columns.
/// </summary>
/// <remarks>
/// <para>Indexes: the primary key (id) of a <c>WITHOUT ROWID</c> table; <c>UNIQUE</c> indexes on
/// endpoint and PSK identity, which enforce uniqueness across tenants (a violation is reported as
/// <see cref="InvalidOperationException"/>); (tenant, name) for a tenant's listing, already ordered.</para>
/// <para>Cost: an upsert is one <c>BEGIN IMMEDIATE</c> transaction (a lookup of the previous row to
/// return it, then one insert-or-update); delete is one statement with <c>RETURNING</c>.</para>
/// <para>Thread safety: safe for concurrent use; each operation uses its own pooled connection.</para>
/// <para>Secrets (PSK keys) are stored as given: encryption at rest is a later concern.</para>
/// </remarks>
public sealed class SqliteDeviceStore : IDeviceStore
{
    private const string Columns =
        "id, tenant, name, profile_id, endpoint, credentials_type, psk_identity, psk_key_hex, rpk_public_key, x509_certificate, x509_trust_by_ca, auto_provisioned, created_at";

    /// <summary>SQLITE_CONSTRAINT: the primary result code of a UNIQUE violation.</summary>
    private const int SqliteConstraint = 19;

    private readonly SqliteDatabase _database;

    /// <summary>Creates the store over <paramref name="database"/> (which it does not own).</summary>
    public SqliteDeviceStore(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<Device?> UpsertAsync(Device device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);

        Device? replaced;
        await using (SqliteCommand select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT {Columns} FROM devices WHERE id = $id;";
            select.Parameters.AddWithValue("$id", Key(device.Id));
            await using SqliteDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            replaced = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDevice(reader) : null;
        }

        await using SqliteCommand upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = $"""
            INSERT INTO devices ({Columns})
            VALUES ($id, $tenant, $name, $profileId, $endpoint, $type, $pskIdentity, $pskKey, $rpkKey, $certificate, $trustByCa, $auto, $createdAt)
            ON CONFLICT (id) DO UPDATE SET
                tenant = excluded.tenant, name = excluded.name, profile_id = excluded.profile_id, endpoint = excluded.endpoint,
                credentials_type = excluded.credentials_type, psk_identity = excluded.psk_identity, psk_key_hex = excluded.psk_key_hex,
                rpk_public_key = excluded.rpk_public_key, x509_certificate = excluded.x509_certificate,
                x509_trust_by_ca = excluded.x509_trust_by_ca, auto_provisioned = excluded.auto_provisioned, created_at = excluded.created_at;
            """;
        upsert.Parameters.AddWithValue("$id", Key(device.Id));
        upsert.Parameters.AddWithValue("$tenant", device.Tenant.Value);
        upsert.Parameters.AddWithValue("$name", device.Name);
        upsert.Parameters.AddWithValue("$profileId", Key(device.ProfileId));
        upsert.Parameters.AddWithValue("$endpoint", device.Endpoint);
        upsert.Parameters.AddWithValue("$type", TypeName(device.Credentials.Type));
        var psk = device.Credentials as PskCredentials;
        var rpk = device.Credentials as RpkCredentials;
        var x509 = device.Credentials as X509Credentials;
        upsert.Parameters.AddWithValue("$pskIdentity", (object?)psk?.PskIdentity ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$pskKey", (object?)psk?.KeyHex ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$rpkKey", (object?)rpk?.PublicKeyBase64 ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$certificate", (object?)x509?.CertificatePem ?? DBNull.Value);
        upsert.Parameters.AddWithValue("$trustByCa", x509?.TrustByCa == true ? 1 : 0);
        upsert.Parameters.AddWithValue("$auto", device.AutoProvisioned ? 1 : 0);
        upsert.Parameters.AddWithValue("$createdAt", device.CreatedAt.ToUnixTimeMilliseconds());
        try
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            throw new InvalidOperationException($"endpoint '{device.Endpoint}' or its PSK identity belongs to another device", e);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return replaced;
    }

    /// <inheritdoc />
    public async Task<Device?> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM devices WHERE id = $id RETURNING {Columns};";
        command.Parameters.AddWithValue("$id", Key(id));
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDevice(reader) : null;
    }

    /// <inheritdoc />
    public async Task<Device?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM devices WHERE id = $id;";
        command.Parameters.AddWithValue("$id", Key(id));
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDevice(reader) : null;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Device>> ListAsync(TenantId tenant, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM devices WHERE tenant = $tenant ORDER BY name, id;", tenant, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Device>> ListAllAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM devices;", null, cancellationToken);

    private async Task<IReadOnlyList<Device>> QueryAsync(string sql, TenantId? tenant, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        if (tenant is { } t)
        {
            command.Parameters.AddWithValue("$tenant", t.Value);
        }

        var devices = new List<Device>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            devices.Add(ReadDevice(reader));
        }

        return devices.AsReadOnly();
    }

    private static string Key(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static string TypeName(DeviceCredentialsType type) => type switch
    {
        DeviceCredentialsType.NoSec => "nosec",
        DeviceCredentialsType.Psk => "psk",
        DeviceCredentialsType.Rpk => "rpk",
        DeviceCredentialsType.X509 => "x509",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Reads a row selected as <see cref="Columns"/>.</summary>
    private static Device ReadDevice(SqliteDataReader reader)
    {
        string endpoint = reader.GetString(4);
        string type = reader.GetString(5);
        DeviceCredentials credentials = type switch
        {
            "nosec" => new NoSecCredentials(endpoint),
            "psk" => new PskCredentials(endpoint, reader.GetString(6), reader.GetString(7)),
            "rpk" => new RpkCredentials(endpoint, reader.GetString(8)),
            "x509" => new X509Credentials(endpoint, reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt64(10) != 0),
            _ => throw new InvalidOperationException($"device {reader.GetString(0)}: unknown credentials type '{type}'"),
        };
        return new Device
        {
            Id = Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
            Tenant = TenantId.FromValue(reader.GetString(1)),
            Name = reader.GetString(2),
            ProfileId = Guid.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
            Credentials = credentials,
            AutoProvisioned = reader.GetInt64(11) != 0,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
        };
    }
}
