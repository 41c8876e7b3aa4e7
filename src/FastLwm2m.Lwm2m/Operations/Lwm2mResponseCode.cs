using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// The response codes of LwM2M operations (Core §6, Transport §6), named as the functional
/// reference prints them (<see cref="Lwm2mResponseCodes.ToName"/>: "CONTENT", "NOT_FOUND"...).
/// </summary>
public enum Lwm2mResponseCode : byte
{
    /// <summary>2.05.</summary>
    Content,
    /// <summary>2.04.</summary>
    Changed,
    /// <summary>2.01.</summary>
    Created,
    /// <summary>2.02.</summary>
    Deleted,
    /// <summary>2.31 (block-wise).</summary>
    Continue,
    /// <summary>4.00.</summary>
    BadRequest,
    /// <summary>4.01.</summary>
    Unauthorized,
    /// <summary>4.03.</summary>
    Forbidden,
    /// <summary>4.04.</summary>
    NotFound,
    /// <summary>4.05.</summary>
    MethodNotAllowed,
    /// <summary>4.06.</summary>
    NotAcceptable,
    /// <summary>4.08.</summary>
    RequestEntityIncomplete,
    /// <summary>4.09.</summary>
    Conflict,
    /// <summary>4.12.</summary>
    PreconditionFailed,
    /// <summary>4.13.</summary>
    RequestEntityTooLarge,
    /// <summary>4.15.</summary>
    UnsupportedContentFormat,
    /// <summary>5.00.</summary>
    InternalServerError,
    /// <summary>5.01.</summary>
    NotImplemented,
    /// <summary>5.03.</summary>
    ServiceUnavailable,
    /// <summary>Any other code.</summary>
    Other,
}

/// <summary>Conversions of <see cref="Lwm2mResponseCode"/>.</summary>
public static class Lwm2mResponseCodes
{
    /// <summary>From a CoAP response code.</summary>
    public static Lwm2mResponseCode FromCoap(CoapCode code) => code.Value switch
    {
        0x45 => Lwm2mResponseCode.Content,
        0x44 => Lwm2mResponseCode.Changed,
        0x41 => Lwm2mResponseCode.Created,
        0x42 => Lwm2mResponseCode.Deleted,
        0x5F => Lwm2mResponseCode.Continue,
        0x80 => Lwm2mResponseCode.BadRequest,
        0x81 => Lwm2mResponseCode.Unauthorized,
        0x83 => Lwm2mResponseCode.Forbidden,
        0x84 => Lwm2mResponseCode.NotFound,
        0x85 => Lwm2mResponseCode.MethodNotAllowed,
        0x86 => Lwm2mResponseCode.NotAcceptable,
        0x88 => Lwm2mResponseCode.RequestEntityIncomplete,
        0x89 => Lwm2mResponseCode.Conflict,
        0x8C => Lwm2mResponseCode.PreconditionFailed,
        0x8D => Lwm2mResponseCode.RequestEntityTooLarge,
        0x8F => Lwm2mResponseCode.UnsupportedContentFormat,
        0xA0 => Lwm2mResponseCode.InternalServerError,
        0xA1 => Lwm2mResponseCode.NotImplemented,
        0xA3 => Lwm2mResponseCode.ServiceUnavailable,
        _ => Lwm2mResponseCode.Other,
    };

    /// <summary>To the CoAP code.</summary>
    public static CoapCode ToCoap(this Lwm2mResponseCode code) => code switch
    {
        Lwm2mResponseCode.Content => CoapCode.Content,
        Lwm2mResponseCode.Changed => CoapCode.Changed,
        Lwm2mResponseCode.Created => CoapCode.Created,
        Lwm2mResponseCode.Deleted => CoapCode.Deleted,
        Lwm2mResponseCode.Continue => CoapCode.Continue,
        Lwm2mResponseCode.BadRequest => CoapCode.BadRequest,
        Lwm2mResponseCode.Unauthorized => CoapCode.Unauthorized,
        Lwm2mResponseCode.Forbidden => CoapCode.Forbidden,
        Lwm2mResponseCode.NotFound => CoapCode.NotFound,
        Lwm2mResponseCode.MethodNotAllowed => CoapCode.MethodNotAllowed,
        Lwm2mResponseCode.NotAcceptable => CoapCode.NotAcceptable,
        Lwm2mResponseCode.RequestEntityIncomplete => CoapCode.RequestEntityIncomplete,
        Lwm2mResponseCode.Conflict => CoapCode.Conflict,
        Lwm2mResponseCode.PreconditionFailed => CoapCode.PreconditionFailed,
        Lwm2mResponseCode.RequestEntityTooLarge => CoapCode.RequestEntityTooLarge,
        Lwm2mResponseCode.UnsupportedContentFormat => CoapCode.UnsupportedContentFormat,
        Lwm2mResponseCode.NotImplemented => CoapCode.NotImplemented,
        Lwm2mResponseCode.ServiceUnavailable => CoapCode.ServiceUnavailable,
        _ => CoapCode.InternalServerError,
    };

    /// <summary>"CONTENT", "NOT_FOUND"... as in the functional reference's RPC results.</summary>
    public static string ToName(this Lwm2mResponseCode code) => code switch
    {
        Lwm2mResponseCode.Content => "CONTENT",
        Lwm2mResponseCode.Changed => "CHANGED",
        Lwm2mResponseCode.Created => "CREATED",
        Lwm2mResponseCode.Deleted => "DELETED",
        Lwm2mResponseCode.Continue => "CONTINUE",
        Lwm2mResponseCode.BadRequest => "BAD_REQUEST",
        Lwm2mResponseCode.Unauthorized => "UNAUTHORIZED",
        Lwm2mResponseCode.Forbidden => "FORBIDDEN",
        Lwm2mResponseCode.NotFound => "NOT_FOUND",
        Lwm2mResponseCode.MethodNotAllowed => "METHOD_NOT_ALLOWED",
        Lwm2mResponseCode.NotAcceptable => "NOT_ACCEPTABLE",
        Lwm2mResponseCode.RequestEntityIncomplete => "REQUEST_ENTITY_INCOMPLETE",
        Lwm2mResponseCode.Conflict => "CONFLICT",
        Lwm2mResponseCode.PreconditionFailed => "PRECONDITION_FAILED",
        Lwm2mResponseCode.RequestEntityTooLarge => "REQUEST_ENTITY_TOO_LARGE",
        Lwm2mResponseCode.UnsupportedContentFormat => "UNSUPPORTED_CONTENT_FORMAT",
        Lwm2mResponseCode.InternalServerError => "INTERNAL_SERVER_ERROR",
        Lwm2mResponseCode.NotImplemented => "NOT_IMPLEMENTED",
        Lwm2mResponseCode.ServiceUnavailable => "SERVICE_UNAVAILABLE",
        _ => "UNKNOWN",
    };

    /// <summary>Whether the code is a success (2.xx).</summary>
    public static bool IsSuccess(this Lwm2mResponseCode code) => code <= Lwm2mResponseCode.Continue;
}
