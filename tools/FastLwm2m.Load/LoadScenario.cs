namespace FastLwm2m.Load;

/// <summary>What every simulated client does for the duration of a run.</summary>
public enum LoadScenario
{
    /// <summary>
    /// Registration storm: Register, then De-register (or, with <see cref="LoadOptions.Reregister"/>,
    /// register again), repeatedly; an operation is a registration.
    /// </summary>
    Register,

    /// <summary>Register once, then Update in a loop; an operation is an update.</summary>
    Update,
}
