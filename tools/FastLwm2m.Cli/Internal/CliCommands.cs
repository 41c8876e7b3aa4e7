using System.CommandLine;

namespace FastLwm2m.Cli.Internal;

/// <summary>Builds the command tree of <c>fastlwm2m</c>.</summary>
internal static class CliCommands
{
    public static RootCommand Build(CliConsole console)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("fastlwm2m: manage a FastLwm2m server over its gRPC control plane.");
        options.AddTo(root);
        root.Subcommands.Add(ModelsCommands.Build(options, console));
        root.Subcommands.Add(ProfilesCommands.Build(options, console));
        root.Subcommands.Add(DevicesCommands.Build(options, console));
        root.Subcommands.Add(RpcCommands.BuildRpc(options, console));
        root.Subcommands.Add(RpcCommands.BuildTerminal(options, console));
        root.Subcommands.Add(QueueCommands.Build(options, console));
        root.Subcommands.Add(TelemetryCommands.Build(options, console));
        root.Subcommands.Add(TelemetryCommands.BuildLog(options, console));
        root.Subcommands.Add(AttributesCommands.Build(options, console));
        root.Subcommands.Add(KeysCommands.Build(options, console));
        root.Subcommands.Add(EventsCommands.Build(options, console));
        return root;
    }

    /// <summary>Sets <paramref name="command"/>'s action to run <paramref name="body"/> in a session.</summary>
    public static void SetBody(this Command command, GlobalOptions options, CliConsole console, Func<ParseResult, CliSession, CancellationToken, Task<int>> body) =>
        command.SetAction((parsed, cancellationToken) =>
            CliSession.RunAsync(parsed, options, console, cancellationToken, session => body(parsed, session, cancellationToken)));
}
