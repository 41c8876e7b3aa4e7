namespace FastLwm2m.Load.Internal;

/// <summary>The LwM2M registration-interface requests a simulated client sends (OMA LwM2M 1.1 §6.2).</summary>
internal enum RequestKind : byte
{
    /// <summary>Nothing in flight.</summary>
    None = 0,
    /// <summary>Register: POST /rd?ep=…&amp;lt=…&amp;lwm2m=1.1&amp;b=U with the object links.</summary>
    Register,
    /// <summary>Update: POST /rd/{location}, no payload.</summary>
    Update,
    /// <summary>De-register: DELETE /rd/{location}.</summary>
    Deregister,
}
