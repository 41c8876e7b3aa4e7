namespace FastLwm2m.Lwm2m.Client;

/// <summary>Where an <see cref="Lwm2mClient"/> is in its life (Core §6.2 registration interface).</summary>
public enum Lwm2mClientState : byte
{
    /// <summary>Not started, or stopped.</summary>
    Stopped,
    /// <summary>Started, not (or no longer) registered: Register is being sent or retried.</summary>
    Registering,
    /// <summary>Registered with the server.</summary>
    Registered,
}
