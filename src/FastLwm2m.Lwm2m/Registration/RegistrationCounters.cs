namespace FastLwm2m.Lwm2m;

/// <summary>Registration interface counters.</summary>
public readonly record struct RegistrationCounters(
    long Registrations,
    long Updates,
    long Deregistrations,
    long Expirations,
    long Rejected,
    int Current);
