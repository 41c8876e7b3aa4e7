namespace FastLwm2m.Coap;

/// <summary>
/// Registered CoAP option numbers (RFC 7252 §5.10 and §12.2, RFC 7641, RFC 7959, RFC 7967),
/// and the properties encoded in the number itself (§5.4.6).
/// </summary>
public static class CoapOptionNumber
{
    /// <summary>If-Match (opaque, repeatable).</summary>
    public const ushort IfMatch = 1;
    /// <summary>Uri-Host (string).</summary>
    public const ushort UriHost = 3;
    /// <summary>ETag (opaque).</summary>
    public const ushort ETag = 4;
    /// <summary>If-None-Match (empty).</summary>
    public const ushort IfNoneMatch = 5;
    /// <summary>Observe (uint, RFC 7641).</summary>
    public const ushort Observe = 6;
    /// <summary>Uri-Port (uint).</summary>
    public const ushort UriPort = 7;
    /// <summary>Location-Path (string, repeatable).</summary>
    public const ushort LocationPath = 8;
    /// <summary>Uri-Path (string, repeatable).</summary>
    public const ushort UriPath = 11;
    /// <summary>Content-Format (uint).</summary>
    public const ushort ContentFormat = 12;
    /// <summary>Max-Age (uint).</summary>
    public const ushort MaxAge = 14;
    /// <summary>Uri-Query (string, repeatable).</summary>
    public const ushort UriQuery = 15;
    /// <summary>Accept (uint).</summary>
    public const ushort Accept = 17;
    /// <summary>Location-Query (string, repeatable).</summary>
    public const ushort LocationQuery = 20;
    /// <summary>Block2 (uint, RFC 7959).</summary>
    public const ushort Block2 = 23;
    /// <summary>Block1 (uint, RFC 7959).</summary>
    public const ushort Block1 = 27;
    /// <summary>Size2 (uint, RFC 7959).</summary>
    public const ushort Size2 = 28;
    /// <summary>Proxy-Uri (string).</summary>
    public const ushort ProxyUri = 35;
    /// <summary>Proxy-Scheme (string).</summary>
    public const ushort ProxyScheme = 39;
    /// <summary>Size1 (uint).</summary>
    public const ushort Size1 = 60;
    /// <summary>No-Response (uint, RFC 7967).</summary>
    public const ushort NoResponse = 258;

    /// <summary>Critical options have an odd number (§5.4.1).</summary>
    public static bool IsCritical(int number) => (number & 1) != 0;

    /// <summary>Unsafe-to-forward options have bit 1 set (§5.4.2).</summary>
    public static bool IsUnsafe(int number) => (number & 2) != 0;

    /// <summary>NoCacheKey options have bits 2-4 equal to 0b111 (§5.4.6).</summary>
    public static bool IsNoCacheKey(int number) => (number & 0x1E) == 0x1C;

    /// <summary>
    /// Whether this engine understands the option; an unrecognized critical option in a CON
    /// request is answered 4.02 Bad Option (§5.4.1).
    /// </summary>
    public static bool IsKnown(int number) => number switch
    {
        IfMatch or UriHost or ETag or IfNoneMatch or Observe or UriPort or LocationPath or UriPath
            or ContentFormat or MaxAge or UriQuery or Accept or LocationQuery or Block2 or Block1
            or Size2 or ProxyUri or ProxyScheme or Size1 or NoResponse => true,
        _ => false,
    };
}
