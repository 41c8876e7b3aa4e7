namespace FastLwm2m.Interop.Tests;

/// <summary>What a finished coap-client run printed.</summary>
internal sealed record CoapClientRun(string CommandLine, int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"command: {CommandLine}\nexit: {ExitCode}\nstdout: {Output}\nstderr: {Errors}";
}
