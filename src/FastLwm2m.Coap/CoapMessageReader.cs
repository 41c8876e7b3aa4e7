namespace FastLwm2m.Coap;

/// <summary>
/// A zero-allocation view of one CoAP message (RFC 7252 §3) over a datagram.
/// <see cref="TryParse"/> validates the whole message (header, token, every option, payload
/// marker) so that later enumeration of options cannot fail; it never throws on bad bytes.
/// </summary>
public ref struct CoapMessageReader
{
    // TODO(codec): implement. Contract below is fixed; keep signatures.

    /// <summary>
    /// Parses and validates <paramref name="datagram"/>. On any status other than
    /// <see cref="CoapParseStatus.Ok"/>, <paramref name="reader"/> is default, except that
    /// <see cref="Type"/>, <see cref="Code"/> and <see cref="MessageId"/> are filled in whenever
    /// the 4-byte header was readable (so that a CON with a format error can be answered
    /// with RST, §4.2).
    /// </summary>
    public static CoapParseStatus TryParse(ReadOnlySpan<byte> datagram, out CoapMessageReader reader) => throw new NotImplementedException();

    /// <summary>Message type.</summary>
    public CoapMessageType Type { get; }
    /// <summary>Code (method or response).</summary>
    public CoapCode Code { get; }
    /// <summary>Message ID.</summary>
    public ushort MessageId { get; }
    /// <summary>Token bytes (0-8).</summary>
    public ReadOnlySpan<byte> Token => throw new NotImplementedException();
    /// <summary>The encoded options region (between token and payload marker).</summary>
    public ReadOnlySpan<byte> OptionBytes => throw new NotImplementedException();
    /// <summary>Payload (empty if none).</summary>
    public ReadOnlySpan<byte> Payload => throw new NotImplementedException();

    /// <summary>Enumerates the options in order (foreach-able, allocation-free).</summary>
    public CoapOptionEnumerator Options => throw new NotImplementedException();

    /// <summary>Finds the first option with the given number.</summary>
    public bool TryGetOption(ushort number, out ReadOnlySpan<byte> value) => throw new NotImplementedException();

    /// <summary>First option with the given number as uint (false if absent or longer than 4 bytes).</summary>
    public bool TryGetUInt32(ushort number, out uint value) => throw new NotImplementedException();

    /// <summary>Whether any option with the given number is present.</summary>
    public bool HasOption(ushort number) => throw new NotImplementedException();

    /// <summary>
    /// Returns the first critical option (odd number, §5.4.1) that <see cref="CoapOptionNumber.IsKnown"/>
    /// does not know, or 0 if there is none.
    /// </summary>
    public ushort FindUnrecognizedCriticalOption() => throw new NotImplementedException();

    /// <summary>
    /// Writes the Uri-Path options joined by '/' (no leading slash) as UTF-8 into
    /// <paramref name="destination"/>; returns the byte count, or -1 if it does not fit.
    /// </summary>
    public int CopyUriPath(Span<byte> destination) => throw new NotImplementedException();
}

/// <summary>Allocation-free enumerator over the options of a validated message.</summary>
public ref struct CoapOptionEnumerator
{
    /// <summary>Creates an enumerator over a validated options region.</summary>
    public CoapOptionEnumerator(ReadOnlySpan<byte> optionBytes) => throw new NotImplementedException();
    /// <summary>The current option.</summary>
    public CoapOption Current => throw new NotImplementedException();
    /// <summary>Advances to the next option.</summary>
    public bool MoveNext() => throw new NotImplementedException();
    /// <summary>foreach support.</summary>
    public CoapOptionEnumerator GetEnumerator() => this;
}
