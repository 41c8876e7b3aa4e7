namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// What an enabler answers to an operation of the server: a response code and, for an error, a
/// diagnostic sent back as text/plain (Core §6: a client may add a diagnostic payload to 4.xx/5.xx).
/// </summary>
public readonly record struct OperationResult(Lwm2mResponseCode Code, string? ErrorMessage = null)
{
    /// <summary>2.05 Content.</summary>
    public static OperationResult Content => new(Lwm2mResponseCode.Content);

    /// <summary>2.04 Changed.</summary>
    public static OperationResult Changed => new(Lwm2mResponseCode.Changed);

    /// <summary>2.01 Created.</summary>
    public static OperationResult Created => new(Lwm2mResponseCode.Created);

    /// <summary>2.02 Deleted.</summary>
    public static OperationResult Deleted => new(Lwm2mResponseCode.Deleted);

    /// <summary>Whether the code is 2.xx.</summary>
    public bool IsSuccess => Code.IsSuccess();

    /// <summary>4.00 Bad Request with a diagnostic.</summary>
    public static OperationResult BadRequest(string? message = null) => new(Lwm2mResponseCode.BadRequest, message);

    /// <summary>4.01 Unauthorized with a diagnostic.</summary>
    public static OperationResult Unauthorized(string? message = null) => new(Lwm2mResponseCode.Unauthorized, message);

    /// <summary>4.04 Not Found with a diagnostic.</summary>
    public static OperationResult NotFound(string? message = null) => new(Lwm2mResponseCode.NotFound, message);

    /// <summary>4.05 Method Not Allowed with a diagnostic.</summary>
    public static OperationResult MethodNotAllowed(string? message = null) => new(Lwm2mResponseCode.MethodNotAllowed, message);

    /// <summary>5.00 Internal Server Error with a diagnostic.</summary>
    public static OperationResult InternalServerError(string? message = null) => new(Lwm2mResponseCode.InternalServerError, message);

    /// <inheritdoc />
    public override string ToString() => ErrorMessage is null ? Code.ToName() : $"{Code.ToName()} ({ErrorMessage})";
}
