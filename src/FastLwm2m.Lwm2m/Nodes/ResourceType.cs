namespace FastLwm2m.Lwm2m;

/// <summary>LwM2M data types (Core Appendix C).</summary>
public enum ResourceType : byte
{
    /// <summary>No type (e.g. an executable resource).</summary>
    None = 0,
    /// <summary>UTF-8 string.</summary>
    String,
    /// <summary>Signed integer (up to 64 bits).</summary>
    Integer,
    /// <summary>Unsigned integer (up to 64 bits, LwM2M 1.1).</summary>
    UnsignedInteger,
    /// <summary>IEEE 754 float (32 or 64 bits).</summary>
    Float,
    /// <summary>Boolean.</summary>
    Boolean,
    /// <summary>Opaque bytes.</summary>
    Opaque,
    /// <summary>Unix time in seconds.</summary>
    Time,
    /// <summary>Object link: object id and instance id.</summary>
    Objlnk,
    /// <summary>CoRE link (RFC 6690 text, LwM2M 1.1).</summary>
    Corelnk,
}
