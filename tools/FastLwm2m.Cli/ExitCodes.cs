namespace FastLwm2m.Cli;

/// <summary>The exit codes of <c>fastlwm2m</c>: scripts tell usage, server and device errors apart.</summary>
public static class ExitCodes
{
    /// <summary>The command succeeded.</summary>
    public const int Ok = 0;

    /// <summary>Bad or missing arguments: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The server refused the call (bad argument, not found, already exists, unreachable...).</summary>
    public const int Server = 3;

    /// <summary>The device is not registered, did not answer, or answered with an error code.</summary>
    public const int Device = 4;
}
