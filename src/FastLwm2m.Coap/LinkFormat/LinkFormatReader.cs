using FastLwm2m.Coap.LinkFormat.Internal;

namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// A forward-only, allocation-free reader of a CoRE Link Format document (RFC 6690 §2) over
/// UTF-8 bytes, e.g. the payload of an LwM2M Register or Update (LwM2M 1.1 Core §6.2.1) or a
/// Discover response (§5.5). Each <see cref="TryReadLink"/> validates one whole link, so that
/// enumerating its parameters cannot fail.
/// </summary>
/// <remarks>
/// Beyond the RFC grammar the reader tolerates what real clients emit: whitespace (SP, HTAB,
/// CR, LF) around ',' ';' and '=', and before and after the document (a trailing newline);
/// non-ASCII bytes in unquoted values. An empty document has zero links. It never throws,
/// and a failed read consumes nothing: <see cref="BytesConsumed"/> stays where it was and
/// calling again reports the same error.
/// </remarks>
public ref struct LinkFormatReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private bool _afterLink;
    private LinkFormatStatus _status;
    private int _errorOffset;

    /// <summary>Creates a reader over a UTF-8 link-format document.</summary>
    public LinkFormatReader(ReadOnlySpan<byte> utf8)
    {
        _data = utf8;
        _position = 0;
        _afterLink = false;
        _status = LinkFormatStatus.Ok;
        _errorOffset = -1;
    }

    /// <summary>Bytes consumed so far: the links read, with the whitespace that follows them.</summary>
    public readonly int BytesConsumed => _position;

    /// <summary>
    /// Outcome of the last <see cref="TryReadLink"/>: <see cref="LinkFormatStatus.Ok"/>,
    /// <see cref="LinkFormatStatus.End"/>, or the syntax error that stopped it.
    /// </summary>
    public readonly LinkFormatStatus Status => _status;

    /// <summary>Byte offset of the error the last read reported; -1 after Ok or End.</summary>
    public readonly int ErrorOffset => _errorOffset;

    /// <summary>The last outcome as an error value (status and offset).</summary>
    public readonly LinkFormatError Error => new(_status, _errorOffset);

    /// <summary>
    /// Reads the next link. Returns false at the end of the document (<see cref="Status"/> is
    /// <see cref="LinkFormatStatus.End"/>) or on a syntax error (<see cref="Status"/> and
    /// <see cref="ErrorOffset"/> say which and where; nothing is consumed).
    /// </summary>
    public bool TryReadLink(out LinkValue link)
    {
        link = default;
        ReadOnlySpan<byte> data = _data;
        int position = LinkFormatSyntax.SkipWhitespace(data, _position);
        if (position == data.Length)
        {
            _position = position;
            return Finish(LinkFormatStatus.End, -1);
        }

        // RFC 6690 §2: Link = link-value-list; link-value-list = [ link-value *[ "," link-value ]].
        if (_afterLink)
        {
            if (data[position] != LinkFormatSyntax.Comma)
            {
                return Finish(LinkFormatStatus.UnexpectedCharacter, position);
            }

            position = LinkFormatSyntax.SkipWhitespace(data, position + 1);
        }

        if (position == data.Length || data[position] != LinkFormatSyntax.OpeningAngle)
        {
            return Finish(LinkFormatStatus.MissingOpeningAngle, position);
        }

        int linkStart = position;
        int uriStart = linkStart + 1;
        int stop = data[uriStart..].IndexOfAny(LinkFormatSyntax.UriStopBytes);
        if (stop < 0)
        {
            return Finish(LinkFormatStatus.UnterminatedUri, linkStart);
        }

        int uriEnd = uriStart + stop;
        if (data[uriEnd] != LinkFormatSyntax.ClosingAngle)
        {
            return Finish(LinkFormatStatus.InvalidUriCharacter, uriEnd);
        }

        int parametersStart = uriEnd + 1;
        int parametersEnd = parametersStart;
        int next;
        while (true)
        {
            next = LinkFormatSyntax.SkipWhitespace(data, parametersEnd);
            if (next == data.Length || data[next] != LinkFormatSyntax.Semicolon)
            {
                break;
            }

            LinkFormatStatus status = LinkFormatSyntax.ReadParameter(data, next, out _, out parametersEnd, out int errorOffset);
            if (status != LinkFormatStatus.Ok)
            {
                return Finish(status, errorOffset);
            }
        }

        // The link must be followed by the next one or by the end of the document.
        if (next < data.Length && data[next] != LinkFormatSyntax.Comma)
        {
            return Finish(LinkFormatStatus.UnexpectedCharacter, next);
        }

        int invalid = LinkFormatSyntax.FindInvalidUtf8(data[linkStart..parametersEnd]);
        if (invalid >= 0)
        {
            return Finish(LinkFormatStatus.InvalidUtf8, linkStart + invalid);
        }

        link = new LinkValue(data[uriStart..uriEnd], data[parametersStart..parametersEnd], linkStart);
        _position = next;
        _afterLink = true;
        return Finish(LinkFormatStatus.Ok, -1);
    }

    private bool Finish(LinkFormatStatus status, int errorOffset)
    {
        _status = status;
        _errorOffset = errorOffset;
        return status == LinkFormatStatus.Ok;
    }
}
