using System.CommandLine;

namespace FastLwm2m.Cli.Internal;

/// <summary>The options every command takes: where the server is, which tenant, which output.</summary>
internal sealed class GlobalOptions
{
    public const string ServerVariable = "FASTLWM2M_SERVER";
    public const string DefaultServer = "http://127.0.0.1:5690";

    public Option<string> Server { get; } = new("--server", "-s")
    {
        Description = $"The control plane address (env {ServerVariable}).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } s ? s : DefaultServer,
    };

    public Option<string?> Tenant { get; } = new("--tenant", "-t")
    {
        Description = "Act for this tenant (the x-fastlwm2m-tenant header); absent: the system administrator.",
        Recursive = true,
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
        root.Options.Add(Json);
        root.Options.Add(Timeout);
    }
}
