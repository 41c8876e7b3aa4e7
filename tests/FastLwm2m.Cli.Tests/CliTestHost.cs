namespace FastLwm2m.Cli.Tests;

/// <summary>The tests that run the CLI against one shared in-process control plane (FastLwm2m.Control.Tests' ControlTestHost, compiled in).</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliTestHost>
{
    public const string Name = "cli";
}
