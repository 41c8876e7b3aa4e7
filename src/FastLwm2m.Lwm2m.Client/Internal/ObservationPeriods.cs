namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>
/// The periods in force for one observation, in milliseconds (Core §5.1.2): pmin and pmax space
/// the notifications, epmin and epmax the evaluations of their criteria. 0 for pmax or epmax: none.
/// </summary>
internal readonly record struct ObservationPeriods(long Pmin, long Pmax, long Epmin, long Epmax);
