namespace FastLwm2m.Lwm2m;

/// <summary>Why a registration ended.</summary>
public enum DeregistrationReason : byte
{
    /// <summary>The client sent De-register (DELETE /rd/{id}).</summary>
    Deregistered,
    /// <summary>The lifetime passed without an Update.</summary>
    Expired,
    /// <summary>The same endpoint registered again.</summary>
    Replaced,
}
