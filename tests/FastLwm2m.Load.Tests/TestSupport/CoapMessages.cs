using FastLwm2m.Coap;

namespace FastLwm2m.Load.Tests.TestSupport;

/// <summary>Builds the few CoAP messages the tests send or answer with.</summary>
internal static class CoapMessages
{
    public static byte[] Request(CoapCode method, ushort messageId, ReadOnlySpan<byte> token, params string[] path)
    {
        var buffer = new byte[256];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, method, messageId, token);
        foreach (string segment in path)
        {
            writer.WriteOption(CoapOptionNumber.UriPath, segment.AsSpan());
        }

        return buffer[..writer.BytesWritten];
    }

    /// <summary>A piggybacked answer to <paramref name="request"/> with <paramref name="code"/> (null if it is no CON request).</summary>
    public static byte[]? PiggybackedAnswer(byte[] request, CoapCode code)
    {
        if (CoapMessageReader.TryParse(request, out var message) != CoapParseStatus.Ok
            || message.Type != CoapMessageType.Confirmable || !message.Code.IsRequest)
        {
            return null;
        }

        var buffer = new byte[64];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Acknowledgement, code, message.MessageId, message.Token);
        return buffer[..writer.BytesWritten];
    }
}
