using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FastLwm2m.Platform;
using FastLwm2m.Platform.ApiKeys;
using FastLwm2m.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FastLwm2m.Cli.Internal;

/// <summary>
/// <c>keys create|list|revoke</c>: the control plane's API keys, managed directly in the server's
/// SQLite file (<c>--store</c>), not over gRPC: whoever can write the file is the administrator.
/// </summary>
internal static class KeysCommands
{
    public static Command Build(GlobalOptions options, CliConsole console)
    {
        var keys = new Command("keys", "The control plane's API keys, in the server's SQLite store file.");
        keys.Subcommands.Add(Create(options, console));
        keys.Subcommands.Add(List(options, console));
        keys.Subcommands.Add(Revoke(options, console));
        return keys;
    }

    private static Option<string> StoreOption() => new("--store")
    {
        Description = "The server's SQLite store file.",
        Required = true,
    };

    private static Command Create(GlobalOptions options, CliConsole console)
    {
        var store = StoreOption();
        var name = new Option<string>("--name") { Description = "A name for people, e.g. who holds the key.", Required = true };
        var command = new Command("create", "Create a key and print it once: a system administrator's, or with --tenant that tenant's administrator's.") { store, name };
        // A missing file is created: keys can be made before the server first starts.
        command.SetAction((parsed, ct) => RunAsync(console, parsed.GetValue(store)!, ct, mustExist: false, async service =>
        {
            string? tenantName = parsed.GetValue(options.Tenant);
            TenantId tenant = string.IsNullOrWhiteSpace(tenantName) ? TenantId.System : new TenantId(tenantName.Trim());
            string? keyName = parsed.GetValue(name);
            if (string.IsNullOrWhiteSpace(keyName))
            {
                throw new UsageException("--name: expected a non-empty name");
            }

            ApiKeyRole role = tenant.IsSystem ? ApiKeyRole.SystemAdministrator : ApiKeyRole.TenantAdministrator;
            CreatedApiKey created = await service.CreateAsync(role, tenant, keyName, ct);
            if (parsed.GetValue(options.Json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["id"] = created.Key.Id,
                    ["name"] = created.Key.Name,
                    ["role"] = Role(created.Key.Role),
                    ["tenant"] = created.Key.Tenant.Value,
                    ["key"] = created.Token,
                }));
            }
            else
            {
                console.Out.WriteLine(created.Token);
                await console.Error.WriteLineAsync($"created key {created.Key.Id} ({Role(created.Key.Role)}{(tenant.IsSystem ? "" : " of " + tenant.Value)}); it is shown only this once");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(GlobalOptions options, CliConsole console)
    {
        var store = StoreOption();
        var command = new Command("list", "List the keys (never their secrets).") { store };
        command.SetAction((parsed, ct) => RunAsync(console, parsed.GetValue(store)!, ct, mustExist: true, async service =>
        {
            IReadOnlyList<ApiKey> keys = await service.ListAsync(ct);
            if (parsed.GetValue(options.Json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(keys.Select(k => new Dictionary<string, string>
                {
                    ["id"] = k.Id,
                    ["name"] = k.Name,
                    ["role"] = Role(k.Role),
                    ["tenant"] = k.Tenant.Value,
                    ["createdAt"] = k.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                })));
                return ExitCodes.Ok;
            }

            var table = new Table("ID", "NAME", "ROLE", "TENANT", "CREATED");
            foreach (ApiKey k in keys)
            {
                table.Add(k.Id, k.Name, Role(k.Role), k.Tenant.Value, k.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            }

            table.WriteTo(console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Revoke(GlobalOptions options, CliConsole console)
    {
        var store = StoreOption();
        var id = new Argument<string>("ID") { Description = "The key's id (the 8 characters after flk_)." };
        var command = new Command("revoke", "Revoke a key: calls with it fail from now on.") { store, id };
        command.SetAction((parsed, ct) => RunAsync(console, parsed.GetValue(store)!, ct, mustExist: true, async service =>
        {
            string keyId = parsed.GetValue(id)!;
            ApiKey? revoked = await service.RevokeAsync(keyId, ct);
            if (revoked is null)
            {
                await console.Error.WriteLineAsync($"error: no key with id \"{keyId}\"");
                return ExitCodes.Server;
            }

            console.Out.WriteLine($"revoked {revoked.Id} ({revoked.Name})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string path, CancellationToken cancellationToken, bool mustExist, Func<ApiKeyService, Task<int>> body)
    {
        if (mustExist && !File.Exists(path))
        {
            await console.Error.WriteLineAsync($"error: --store: no such file \"{path}\"");
            return ExitCodes.Usage;
        }

        try
        {
            using SqliteDatabase database = await SqliteDatabase.OpenAsync(path, cancellationToken);
            return await body(new ApiKeyService(new SqliteApiKeyStore(database)));
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync("error: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"error: cannot use the store \"{path}\": {e.Message}");
            return ExitCodes.Server;
        }
    }

    private static string Role(ApiKeyRole role) => role switch
    {
        ApiKeyRole.SystemAdministrator => "system-admin",
        ApiKeyRole.TenantAdministrator => "tenant-admin",
        _ => role.ToString(),
    };
}
