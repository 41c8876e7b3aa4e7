namespace FastLwm2m.Lwm2m;

/// <summary>The result of an operation on a device: outcome, response code, and what came back.</summary>
public class Lwm2mResponse
{
    /// <summary>Creates a result.</summary>
    public Lwm2mResponse(Lwm2mOutcome outcome, Lwm2mResponseCode code, string? errorMessage = null)
    {
        Outcome = outcome;
        Code = code;
        ErrorMessage = errorMessage;
    }

    /// <summary>How it ended.</summary>
    public Lwm2mOutcome Outcome { get; }

    /// <summary>The response code (meaningful when <see cref="Outcome"/> is Response).</summary>
    public Lwm2mResponseCode Code { get; }

    /// <summary>Why it failed: the device's diagnostic payload, a decoding error or a local validation error.</summary>
    public string? ErrorMessage { get; }

    /// <summary>The device answered with a 2.xx code.</summary>
    public bool IsSuccess => Outcome == Lwm2mOutcome.Response && Code.IsSuccess();

    /// <summary>The content of a Read, Observe or Read-Composite (null otherwise).</summary>
    public Lwm2mNode? Content { get; init; }

    /// <summary>Content by path (Read-Composite, Observe-Composite).</summary>
    public IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? CompositeContent { get; init; }

    /// <summary>Discovered links (Discover).</summary>
    public IReadOnlyList<FastLwm2m.Coap.LinkFormat.CoreLink>? Links { get; init; }

    /// <summary>Location of a created instance (Create), e.g. "/19/2".</summary>
    public string? Location { get; init; }

    /// <summary>The observation established (Observe, Observe-Composite).</summary>
    public Lwm2mObservation? Observation { get; init; }

    /// <summary>Content-Format of the response payload.</summary>
    public ushort? ContentFormat { get; init; }

    /// <summary>A local validation failure.</summary>
    public static Lwm2mResponse Invalid(string message) => new(Lwm2mOutcome.Invalid, Lwm2mResponseCode.BadRequest, message);

    /// <inheritdoc />
    public override string ToString() => Outcome == Lwm2mOutcome.Response ? $"{Code.ToName()}{(ErrorMessage is null ? "" : $" ({ErrorMessage})")}" : $"{Outcome}{(ErrorMessage is null ? "" : $" ({ErrorMessage})")}";
}
