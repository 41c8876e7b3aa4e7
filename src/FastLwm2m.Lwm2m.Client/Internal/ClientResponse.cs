using System.Text;
using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>What the client answers: code, content and, for an Observe, the resource observed.</summary>
internal sealed class ClientResponse
{
    public required CoapCode Code { get; init; }

    public ushort? ContentFormat { get; init; }

    public byte[]? Payload { get; init; }

    /// <summary>Location-Path segments (Create).</summary>
    public string[]? Location { get; init; }

    /// <summary>The observation accepted, if any.</summary>
    public ObservableResource? Observe { get; init; }

    public static ClientResponse Of(CoapCode code) => new() { Code = code };

    /// <summary>An error with its diagnostic as text/plain (Core §6).</summary>
    public static ClientResponse Error(OperationResult result) => result.ErrorMessage is null
        ? new ClientResponse { Code = result.Code.ToCoap() }
        : new ClientResponse { Code = result.Code.ToCoap(), ContentFormat = CoapContentFormat.TextPlain, Payload = Encoding.UTF8.GetBytes(result.ErrorMessage) };

    public static ClientResponse Error(Lwm2mResponseCode code, string message) => Error(new OperationResult(code, message));

    public void WriteTo(CoapResponseBuilder builder)
    {
        builder.SetCode(Code);
        if (Location is { } location)
        {
            foreach (string segment in location)
            {
                builder.AddOption(CoapOptionNumber.LocationPath, segment.AsSpan());
            }
        }

        if (ContentFormat is { } cf)
        {
            builder.SetContentFormat(cf);
        }

        if (Payload is { Length: > 0 } payload)
        {
            builder.WritePayload(payload);
        }

        if (Observe is { } resource)
        {
            builder.AcceptObservation(resource);
        }
    }

    public CoapMessage ToMessage()
    {
        var message = new CoapMessage(Code);
        if (Location is { } location)
        {
            foreach (string segment in location)
            {
                message.AddOption(CoapOptionNumber.LocationPath, segment);
            }
        }

        message.ContentFormat = ContentFormat;
        message.Payload = Payload ?? ReadOnlyMemory<byte>.Empty;
        return message;
    }
}
