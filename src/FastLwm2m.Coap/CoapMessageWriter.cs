namespace FastLwm2m.Coap;

/// <summary>
/// Writes one CoAP message (RFC 7252 §3) into a caller's span, allocation-free. Call
/// <c>WriteHeader</c> once, then options in non-decreasing number order, then at most one
/// <see cref="WritePayload"/>. When the span is too small the writer stops writing and
/// <see cref="HasOverflowed"/> becomes true (check once at the end). Writing an option whose
/// number is below the previous one, or anything after the payload, is a programming error and
/// throws <see cref="InvalidOperationException"/>.
/// </summary>
public ref struct CoapMessageWriter
{
    // TODO(codec): implement. Contract below is fixed; keep signatures.

    /// <summary>Creates a writer over <paramref name="destination"/>.</summary>
    public CoapMessageWriter(Span<byte> destination) => throw new NotImplementedException();

    /// <summary>Bytes written so far.</summary>
    public readonly int BytesWritten => throw new NotImplementedException();

    /// <summary>True once a write did not fit; the output is then unusable.</summary>
    public readonly bool HasOverflowed => throw new NotImplementedException();

    /// <summary>The written bytes.</summary>
    public readonly ReadOnlySpan<byte> Written => throw new NotImplementedException();

    /// <summary>Writes version 1, type, token length, code, message id and token.</summary>
    /// <exception cref="ArgumentException">Token longer than 8 bytes.</exception>
    public void WriteHeader(CoapMessageType type, CoapCode code, ushort messageId, ReadOnlySpan<byte> token) => throw new NotImplementedException();

    /// <summary>Writes the header with a <see cref="CoapToken"/>.</summary>
    public void WriteHeader(CoapMessageType type, CoapCode code, ushort messageId, CoapToken token) => throw new NotImplementedException();

    /// <summary>Writes an option with an opaque value, encoding delta and length (§3.1).</summary>
    public void WriteOption(ushort number, ReadOnlySpan<byte> value) => throw new NotImplementedException();

    /// <summary>Writes a uint option in its shortest form (§3.2: 0 is zero bytes).</summary>
    public void WriteOption(ushort number, uint value) => throw new NotImplementedException();

    /// <summary>Writes a string option as UTF-8.</summary>
    public void WriteOption(ushort number, ReadOnlySpan<char> value) => throw new NotImplementedException();

    /// <summary>Writes the 0xFF marker and the payload; an empty payload writes nothing.</summary>
    public void WritePayload(ReadOnlySpan<byte> payload) => throw new NotImplementedException();

    /// <summary>
    /// Writes a 4-byte empty message (code 0.00, no token), e.g. an ACK or RST; returns 4, or 0
    /// if <paramref name="destination"/> is shorter than 4 bytes.
    /// </summary>
    public static int WriteEmpty(Span<byte> destination, CoapMessageType type, ushort messageId) => throw new NotImplementedException();
}
