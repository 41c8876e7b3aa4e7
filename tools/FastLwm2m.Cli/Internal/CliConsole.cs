namespace FastLwm2m.Cli.Internal;

/// <summary>The streams a command reads and writes; the tests pass their own.</summary>
internal sealed class CliConsole(TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive)
{
    public TextReader In { get; } = stdin;

    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>True when a person types at the terminal: show prompts.</summary>
    public bool Interactive { get; } = interactive;
}
