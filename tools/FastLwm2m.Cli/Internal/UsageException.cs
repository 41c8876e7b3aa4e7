namespace FastLwm2m.Cli.Internal;

/// <summary>Bad arguments found after parsing (e.g. two security modes): exit code 2, nothing sent.</summary>
internal sealed class UsageException(string message) : Exception(message);
