using System.CommandLine;
using FastLwm2m.Cli.Internal;

namespace FastLwm2m.Cli;

/// <summary>The <c>fastlwm2m</c> command: the control plane of a FastLwm2m server, over gRPC.</summary>
public static class Program
{
    /// <summary>The process entry point.</summary>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.In, Console.Out, Console.Error);

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command, reading the terminal's lines from
    /// <paramref name="stdin"/>; returns the exit code (<see cref="ExitCodes"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var console = new CliConsole(stdin, stdout, stderr, interactive: ReferenceEquals(stdin, Console.In) && !Console.IsInputRedirected);
        RootCommand root = CliCommands.Build(console);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && !IsHelp(parsed))
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync("error: " + error.Message);
            }

            await stderr.WriteLineAsync("Run 'fastlwm2m --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
    }

    private static bool IsHelp(ParseResult parsed) =>
        parsed.Tokens.Any(t => t.Value is "--help" or "-h" or "-?");
}
