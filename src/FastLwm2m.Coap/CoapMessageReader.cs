using System.Buffers.Binary;
using FastLwm2m.Coap.Internal;

namespace FastLwm2m.Coap;

/// <summary>
/// A zero-allocation view of one CoAP message (RFC 7252 §3) over a datagram.
/// <see cref="TryParse"/> validates the whole message (header, token, every option, payload
/// marker) so that later enumeration of options cannot fail; it never throws on bad bytes.
/// </summary>
public ref struct CoapMessageReader
{
    private readonly ReadOnlySpan<byte> _datagram;

    // Offsets into _datagram: options run from _optionsStart (header + token) to _optionsEnd,
    // which is the payload marker's index, or the datagram length when there is no payload.
    private readonly int _optionsStart;
    private readonly int _optionsEnd;

    private CoapMessageReader(CoapMessageType type, CoapCode code, ushort messageId)
    {
        Type = type;
        Code = code;
        MessageId = messageId;
    }

    private CoapMessageReader(
        ReadOnlySpan<byte> datagram, CoapMessageType type, CoapCode code, ushort messageId, int optionsStart, int optionsEnd)
        : this(type, code, messageId)
    {
        _datagram = datagram;
        _optionsStart = optionsStart;
        _optionsEnd = optionsEnd;
    }

    /// <summary>
    /// Parses and validates <paramref name="datagram"/>. On any status other than
    /// <see cref="CoapParseStatus.Ok"/>, <paramref name="reader"/> is default, except that
    /// <see cref="Type"/>, <see cref="Code"/> and <see cref="MessageId"/> are filled in whenever
    /// the 4-byte header was readable (so that a CON with a format error can be answered
    /// with RST, §4.2).
    /// </summary>
    public static CoapParseStatus TryParse(ReadOnlySpan<byte> datagram, out CoapMessageReader reader)
    {
        if (datagram.Length < CoapHeader.Size)
        {
            reader = default;
            return CoapParseStatus.TooShortForHeader;
        }

        // §3, Figure 7: Ver | T | TKL, Code, Message ID.
        int first = datagram[0];
        var type = (CoapMessageType)((first >> CoapHeader.TypeShift) & CoapHeader.TypeMask);
        var code = new CoapCode(datagram[CoapHeader.CodeOffset]);
        ushort messageId = BinaryPrimitives.ReadUInt16BigEndian(datagram.Slice(CoapHeader.MessageIdOffset));
        reader = new CoapMessageReader(type, code, messageId);

        if ((first >> CoapHeader.VersionShift) != CoapHeader.Version)
        {
            return CoapParseStatus.UnsupportedVersion;
        }

        // §3: lengths 9-15 are reserved and processed as a message format error.
        int tokenLength = first & CoapHeader.TokenLengthMask;
        if (tokenLength > CoapToken.MaxLength)
        {
            return CoapParseStatus.ReservedTokenLength;
        }

        int optionsStart = CoapHeader.Size + tokenLength;
        if (datagram.Length < optionsStart)
        {
            return CoapParseStatus.TruncatedToken;
        }

        // §12.1: classes 1, 6 and 7 are reserved.
        if (code.Class is 1 or 6 or 7)
        {
            return CoapParseStatus.ReservedCodeClass;
        }

        // §4.1: an Empty message has no token, options or payload: exactly the 4 header bytes.
        if (code.IsEmpty)
        {
            if (datagram.Length != CoapHeader.Size)
            {
                return CoapParseStatus.NonEmptyEmptyMessage;
            }

            reader = new CoapMessageReader(datagram, type, code, messageId, CoapHeader.Size, CoapHeader.Size);
            return CoapParseStatus.Ok;
        }

        int offset = optionsStart;
        int number = 0;
        while (offset < datagram.Length)
        {
            if (datagram[offset] == CoapOptionHeader.PayloadMarker)
            {
                // §3: a marker followed by a zero-length payload is a message format error.
                if (offset + 1 == datagram.Length)
                {
                    return CoapParseStatus.EmptyPayloadAfterMarker;
                }

                reader = new CoapMessageReader(datagram, type, code, messageId, optionsStart, offset);
                return CoapParseStatus.Ok;
            }

            var status = CoapOptionHeader.TryRead(datagram, offset, number, out number, out int valueOffset, out int valueLength);
            if (status != CoapParseStatus.Ok)
            {
                return status;
            }

            offset = valueOffset + valueLength;
        }

        reader = new CoapMessageReader(datagram, type, code, messageId, optionsStart, datagram.Length);
        return CoapParseStatus.Ok;
    }

    /// <summary>Message type.</summary>
    public CoapMessageType Type { get; }
    /// <summary>Code (method or response).</summary>
    public CoapCode Code { get; }
    /// <summary>Message ID.</summary>
    public ushort MessageId { get; }

    /// <summary>Token bytes (0-8).</summary>
    public readonly ReadOnlySpan<byte> Token =>
        _optionsStart > CoapHeader.Size ? _datagram[CoapHeader.Size.._optionsStart] : default;

    /// <summary>The token as a value (for dictionary keys).</summary>
    public readonly CoapToken TokenValue => new(Token);

    /// <summary>The encoded options region (between token and payload marker).</summary>
    public readonly ReadOnlySpan<byte> OptionBytes => _datagram[_optionsStart.._optionsEnd];

    /// <summary>Payload (empty if none).</summary>
    public readonly ReadOnlySpan<byte> Payload =>
        _optionsEnd < _datagram.Length ? _datagram.Slice(_optionsEnd + 1) : default;

    /// <summary>The whole datagram the reader was parsed from (empty if parsing failed).</summary>
    public readonly ReadOnlySpan<byte> Datagram => _datagram;

    /// <summary>Enumerates the options in order (foreach-able, allocation-free).</summary>
    public readonly CoapOptionEnumerator Options => new(OptionBytes);

    /// <summary>Finds the first option with the given number.</summary>
    public readonly bool TryGetOption(ushort number, out ReadOnlySpan<byte> value)
    {
        foreach (var option in Options)
        {
            if (option.Number == number)
            {
                value = option.Value;
                return true;
            }

            // Options are in non-decreasing number order (§3.1): nothing further can match.
            if (option.Number > number)
            {
                break;
            }
        }

        value = default;
        return false;
    }

    /// <summary>First option with the given number as uint (false if absent or longer than 4 bytes).</summary>
    public readonly bool TryGetUInt32(ushort number, out uint value)
    {
        if (TryGetOption(number, out var bytes))
        {
            return new CoapOption(number, bytes).TryGetUInt32(out value);
        }

        value = 0;
        return false;
    }

    /// <summary>Whether any option with the given number is present.</summary>
    public readonly bool HasOption(ushort number) => TryGetOption(number, out _);

    /// <summary>
    /// Returns the first critical option (odd number, §5.4.1) that <see cref="CoapOptionNumber.IsKnown"/>
    /// does not know, or 0 if there is none.
    /// </summary>
    public readonly ushort FindUnrecognizedCriticalOption()
    {
        foreach (var option in Options)
        {
            if (CoapOptionNumber.IsCritical(option.Number) && !CoapOptionNumber.IsKnown(option.Number))
            {
                return option.Number;
            }
        }

        return 0;
    }

    /// <summary>
    /// Writes the Uri-Path options joined by '/' (no leading slash) as UTF-8 into
    /// <paramref name="destination"/>; returns the byte count, or -1 if it does not fit.
    /// </summary>
    public readonly int CopyUriPath(Span<byte> destination) => CopyJoined(CoapOptionNumber.UriPath, (byte)'/', destination);

    /// <summary>
    /// Writes the Uri-Query options joined by '&amp;' (no leading '?') as UTF-8 into
    /// <paramref name="destination"/>; returns the byte count, or -1 if it does not fit.
    /// </summary>
    public readonly int CopyUriQuery(Span<byte> destination) => CopyJoined(CoapOptionNumber.UriQuery, (byte)'&', destination);

    private readonly int CopyJoined(ushort number, byte separator, Span<byte> destination)
    {
        int written = 0;
        bool first = true;
        foreach (var option in Options)
        {
            if (option.Number < number)
            {
                continue;
            }

            if (option.Number > number)
            {
                break;
            }

            if (!first)
            {
                if (written >= destination.Length)
                {
                    return -1;
                }

                destination[written++] = separator;
            }

            if (!option.Value.TryCopyTo(destination.Slice(written)))
            {
                return -1;
            }

            written += option.Value.Length;
            first = false;
        }

        return written;
    }
}
