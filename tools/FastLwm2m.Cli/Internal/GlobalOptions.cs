using System.CommandLine;

namespace FastLwm2m.Cli.Internal;

/// <summary>The options every command takes: where the server is, which tenant and key, which output.</summary>
internal sealed class GlobalOptions
{
    public const string ServerVariable = "FASTLWM2M_SERVER";
    public const string DefaultServer = "http://127.0.0.1:5690";
    public const string ApiKeyVariable = "FASTLWM2M_API_KEY";

    public Option<string> Server { get; } = new("--server", "-s")
    {
        Description = $"The control plane address (env {ServerVariable}).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } s ? s : DefaultServer,
    };

    public Option<string?> Tenant { get; } = new("--tenant", "-t")
    {
        Description = "Act for this tenant (the x-fastlwm2m-tenant header); absent: the system administrator, or the API key's own tenant. For keys create: the tenant whose administrator gets the key.",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The API key (flk_…) sent as 'authorization: Bearer' (env {ApiKeyVariable}); prefer the variable, a command line is visible to other users.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } k ? k : null,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print JSON for scripts instead of tables.",
        Recursive = true,
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "Seconds to wait for each call.",
        Recursive = true,
        DefaultValueFactory = _ => 30,
    };

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Server);
        root.Options.Add(Tenant);
        root.Options.Add(ApiKey);
        root.Options.Add(Json);
        root.Options.Add(Timeout);
    }
}
