using System.Formats.Cbor;
using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// The exceptions System.Formats.Cbor and System.Text.Json raise on malformed input; the Try-APIs
/// catch exactly these and turn them into error messages (never a broad catch).
/// </summary>
internal static class CompositeFailure
{
    public static bool IsMalformedInput(Exception e) =>
        e is CborContentException or JsonException or FormatException or OverflowException
            or InvalidOperationException or ArgumentException;

    public static string Describe(Exception e) => e switch
    {
        CborContentException => "malformed CBOR: " + e.Message,
        JsonException => "malformed JSON: " + e.Message,
        OverflowException => "a number is out of range: " + e.Message,
        InvalidOperationException => "unexpected content: " + e.Message,
        _ => e.Message,
    };
}
