using System.Runtime.CompilerServices;

namespace FastLwm2m.Coap;

/// <summary>
/// A CoAP code (RFC 7252 §3, §12.1): 3-bit class and 5-bit detail, written "c.dd".
/// Requests are class 0 (methods), responses classes 2, 4 and 5.
/// </summary>
public readonly struct CoapCode : IEquatable<CoapCode>
{
    /// <summary>The raw 8-bit code.</summary>
    public readonly byte Value;

    /// <summary>Creates a code from its raw byte.</summary>
    public CoapCode(byte value) => Value = value;

    /// <summary>Creates a code from class and detail (e.g. 2, 5 for 2.05).</summary>
    public CoapCode(int codeClass, int detail) => Value = (byte)((codeClass << 5) | (detail & 0x1F));

    /// <summary>The class (0 request, 2 success, 4 client error, 5 server error).</summary>
    public int Class => Value >> 5;

    /// <summary>The detail (0-31).</summary>
    public int Detail => Value & 0x1F;

    /// <summary>0.00: an empty message (ACK, RST or ping).</summary>
    public bool IsEmpty => Value == 0;

    /// <summary>A request method (0.01-0.31).</summary>
    public bool IsRequest => Class == 0 && Value != 0;

    /// <summary>A response (classes 2-5).</summary>
    public bool IsResponse => Class >= 2 && Class <= 5;

    /// <summary>A success response (class 2).</summary>
    public bool IsSuccess => Class == 2;

    // Methods (RFC 7252 §12.1.1, RFC 8132 FETCH/PATCH/iPATCH).
    /// <summary>0.00 Empty.</summary>
    public static CoapCode Empty => new(0);
    /// <summary>0.01 GET.</summary>
    public static CoapCode Get => new(0, 1);
    /// <summary>0.02 POST.</summary>
    public static CoapCode Post => new(0, 2);
    /// <summary>0.03 PUT.</summary>
    public static CoapCode Put => new(0, 3);
    /// <summary>0.04 DELETE.</summary>
    public static CoapCode Delete => new(0, 4);
    /// <summary>0.05 FETCH (RFC 8132).</summary>
    public static CoapCode Fetch => new(0, 5);
    /// <summary>0.06 PATCH (RFC 8132).</summary>
    public static CoapCode Patch => new(0, 6);
    /// <summary>0.07 iPATCH (RFC 8132).</summary>
    public static CoapCode IPatch => new(0, 7);

    // Responses (RFC 7252 §12.1.2, RFC 7959 §2.9).
    /// <summary>2.01 Created.</summary>
    public static CoapCode Created => new(2, 1);
    /// <summary>2.02 Deleted.</summary>
    public static CoapCode Deleted => new(2, 2);
    /// <summary>2.03 Valid.</summary>
    public static CoapCode Valid => new(2, 3);
    /// <summary>2.04 Changed.</summary>
    public static CoapCode Changed => new(2, 4);
    /// <summary>2.05 Content.</summary>
    public static CoapCode Content => new(2, 5);
    /// <summary>2.31 Continue (RFC 7959).</summary>
    public static CoapCode Continue => new(2, 31);
    /// <summary>4.00 Bad Request.</summary>
    public static CoapCode BadRequest => new(4, 0);
    /// <summary>4.01 Unauthorized.</summary>
    public static CoapCode Unauthorized => new(4, 1);
    /// <summary>4.02 Bad Option.</summary>
    public static CoapCode BadOption => new(4, 2);
    /// <summary>4.03 Forbidden.</summary>
    public static CoapCode Forbidden => new(4, 3);
    /// <summary>4.04 Not Found.</summary>
    public static CoapCode NotFound => new(4, 4);
    /// <summary>4.05 Method Not Allowed.</summary>
    public static CoapCode MethodNotAllowed => new(4, 5);
    /// <summary>4.06 Not Acceptable.</summary>
    public static CoapCode NotAcceptable => new(4, 6);
    /// <summary>4.08 Request Entity Incomplete (RFC 7959).</summary>
    public static CoapCode RequestEntityIncomplete => new(4, 8);
    /// <summary>4.09 Conflict (RFC 8132).</summary>
    public static CoapCode Conflict => new(4, 9);
    /// <summary>4.12 Precondition Failed.</summary>
    public static CoapCode PreconditionFailed => new(4, 12);
    /// <summary>4.13 Request Entity Too Large.</summary>
    public static CoapCode RequestEntityTooLarge => new(4, 13);
    /// <summary>4.15 Unsupported Content-Format.</summary>
    public static CoapCode UnsupportedContentFormat => new(4, 15);
    /// <summary>5.00 Internal Server Error.</summary>
    public static CoapCode InternalServerError => new(5, 0);
    /// <summary>5.01 Not Implemented.</summary>
    public static CoapCode NotImplemented => new(5, 1);
    /// <summary>5.03 Service Unavailable.</summary>
    public static CoapCode ServiceUnavailable => new(5, 3);
    /// <summary>5.04 Gateway Timeout.</summary>
    public static CoapCode GatewayTimeout => new(5, 4);

    /// <inheritdoc />
    public bool Equals(CoapCode other) => Value == other.Value;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CoapCode c && c.Value == Value;
    /// <inheritdoc />
    public override int GetHashCode() => Value;
    /// <summary>Equality.</summary>
    public static bool operator ==(CoapCode a, CoapCode b) => a.Value == b.Value;
    /// <summary>Inequality.</summary>
    public static bool operator !=(CoapCode a, CoapCode b) => a.Value != b.Value;

    /// <summary>"c.dd", e.g. "2.05".</summary>
    public override string ToString() => $"{Class}.{Detail:D2}";

    /// <summary>The name of a method or response code ("GET", "CONTENT"), or "c.dd".</summary>
    public string Name => Value switch
    {
        0 => "EMPTY",
        1 => "GET",
        2 => "POST",
        3 => "PUT",
        4 => "DELETE",
        5 => "FETCH",
        6 => "PATCH",
        7 => "IPATCH",
        0x41 => "CREATED",
        0x42 => "DELETED",
        0x43 => "VALID",
        0x44 => "CHANGED",
        0x45 => "CONTENT",
        0x5F => "CONTINUE",
        0x80 => "BAD_REQUEST",
        0x81 => "UNAUTHORIZED",
        0x82 => "BAD_OPTION",
        0x83 => "FORBIDDEN",
        0x84 => "NOT_FOUND",
        0x85 => "METHOD_NOT_ALLOWED",
        0x86 => "NOT_ACCEPTABLE",
        0x88 => "REQUEST_ENTITY_INCOMPLETE",
        0x89 => "CONFLICT",
        0x8C => "PRECONDITION_FAILED",
        0x8D => "REQUEST_ENTITY_TOO_LARGE",
        0x8F => "UNSUPPORTED_CONTENT_FORMAT",
        0xA0 => "INTERNAL_SERVER_ERROR",
        0xA1 => "NOT_IMPLEMENTED",
        0xA2 => "BAD_GATEWAY",
        0xA3 => "SERVICE_UNAVAILABLE",
        0xA4 => "GATEWAY_TIMEOUT",
        0xA5 => "PROXYING_NOT_SUPPORTED",
        _ => ToString(),
    };
}
