using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace FastLwm2m.Coap.LinkFormat.Internal;

/// <summary>
/// Character classes and scanners of the RFC 6690 §2 grammar, shared by the reader (which
/// validates), the parameter enumerator (which re-walks validated bytes) and the writer.
/// </summary>
internal static class LinkFormatSyntax
{
    public const byte OpeningAngle = (byte)'<';
    public const byte ClosingAngle = (byte)'>';
    public const byte Semicolon = (byte)';';
    public const byte Comma = (byte)',';
    public const byte EqualsSign = (byte)'=';
    public const byte Quote = (byte)'"';
    public const byte Backslash = (byte)'\\';
    public const byte Asterisk = (byte)'*';

    private const string AlphaDigit = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // RFC 6690 §2: parmname = RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+"
    // / "-" / "." / "^" / "_" / "`" / "|" / "~".
    private const string ParmNameCharList = AlphaDigit + "!#$&+-.^_`|~";

    // RFC 6690 §2 ptokenchar: every visible ASCII character except '"', ',', ';' and '\'.
    private const string PtokenCharList = AlphaDigit + "!#$%&'()*+-./:<=>?@[]^_`{|}~";

    /// <summary>parmname characters (RFC 6690 §2, RFC 5987 attr-char).</summary>
    public static readonly SearchValues<byte> ParmNameChars = SearchValues.Create(Encoding.ASCII.GetBytes(ParmNameCharList));

    /// <summary>Strict ptokenchar (RFC 6690 §2); the writer quotes any value with other characters.</summary>
    public static readonly SearchValues<char> PtokenChars = SearchValues.Create(PtokenCharList);

    /// <summary>
    /// What the reader accepts in an unquoted value: ptokenchar plus every non-ASCII byte, so
    /// that a client putting UTF-8 in a bare value is not rejected (validated as UTF-8 later).
    /// </summary>
    public static readonly SearchValues<byte> LenientPtokenBytes = CreateLenientPtokenBytes();

    /// <summary>Bytes that end the scan of a URI-Reference: '&gt;', or what a URI never holds.</summary>
    public static readonly SearchValues<byte> UriStopBytes = CreateUriStopBytes();

    /// <summary>The two bytes with a meaning inside a quoted-string.</summary>
    public static readonly SearchValues<byte> QuotedSpecialBytes = SearchValues.Create("\"\\"u8);

    /// <summary>The two characters the writer escapes inside a quoted-string.</summary>
    public static readonly SearchValues<char> QuotedSpecialChars = SearchValues.Create("\"\\");

    /// <summary>Optional whitespace tolerated around separators (SP, HTAB, CR, LF).</summary>
    public static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    // Parameter names LwM2M and RFC 6690 use over and over: handed out as literals, not allocated.
    private static readonly string[] KnownNames =
    [
        "ver", "rt", "ct", "if", "sz", "obs", "rel", "anchor", "title", "pmin", "pmax", "gt", "lt",
        "st", "epmin", "epmax", "dim", "ssid", "uri", "edge", "con", "hqmax",
    ];

    private static SearchValues<byte> CreateLenientPtokenBytes()
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(PtokenCharList));
        for (int b = 0x80; b <= 0xFF; b++)
        {
            bytes.Add((byte)b);
        }

        return SearchValues.Create(bytes.ToArray());
    }

    private static SearchValues<byte> CreateUriStopBytes()
    {
        var bytes = new List<byte> { ClosingAngle, OpeningAngle, Quote, 0x7F };
        for (int b = 0; b <= (byte)' '; b++)
        {
            bytes.Add((byte)b);
        }

        return SearchValues.Create(bytes.ToArray());
    }

    /// <summary>Index of the first non-whitespace byte at or after <paramref name="position"/>.</summary>
    public static int SkipWhitespace(ReadOnlySpan<byte> data, int position)
    {
        int index = data[position..].IndexOfAnyExcept(Whitespace);
        return index < 0 ? data.Length : position + index;
    }

    /// <summary>
    /// Reads one link-param starting at the ';' at <paramref name="position"/> (RFC 6690 §2:
    /// <c>link-param = parmname [ "=" ( ptoken / quoted-string ) ]</c>, whitespace tolerated
    /// around ';' and '='). On success <paramref name="end"/> is just past the parameter; on
    /// failure <paramref name="errorOffset"/> is where it went wrong. Never throws.
    /// </summary>
    public static LinkFormatStatus ReadParameter(
        ReadOnlySpan<byte> data, int position, out LinkParameter parameter, out int end, out int errorOffset)
    {
        parameter = default;
        end = position;
        int nameStart = SkipWhitespace(data, position + 1);
        int nameLength = data[nameStart..].IndexOfAnyExcept(ParmNameChars);
        if (nameLength < 0)
        {
            nameLength = data.Length - nameStart;
        }

        if (nameLength == 0)
        {
            errorOffset = nameStart;
            return LinkFormatStatus.BadAttribute;
        }

        int nameEnd = nameStart + nameLength;
        if (nameEnd < data.Length && data[nameEnd] == Asterisk)
        {
            nameEnd++; // RFC 6690 §2 ext-name-star = parmname "*" (RFC 5987 encoded value).
        }

        if (nameEnd < data.Length && !IsNameTerminator(data[nameEnd]))
        {
            errorOffset = nameEnd;
            return LinkFormatStatus.BadAttribute;
        }

        ReadOnlySpan<byte> name = data[nameStart..nameEnd];
        int equalsAt = SkipWhitespace(data, nameEnd);
        if (equalsAt == data.Length || data[equalsAt] != EqualsSign)
        {
            parameter = new LinkParameter(name, default, hasValue: false, isQuoted: false);
            end = nameEnd;
            errorOffset = -1;
            return LinkFormatStatus.Ok;
        }

        int valueStart = SkipWhitespace(data, equalsAt + 1);
        if (valueStart == data.Length)
        {
            errorOffset = valueStart;
            return LinkFormatStatus.MissingAttributeValue;
        }

        if (data[valueStart] == Quote)
        {
            int closing = FindClosingQuote(data, valueStart + 1);
            if (closing < 0)
            {
                errorOffset = valueStart;
                return LinkFormatStatus.UnterminatedQuotedString;
            }

            parameter = new LinkParameter(name, data[(valueStart + 1)..closing], hasValue: true, isQuoted: true);
            end = closing + 1;
            errorOffset = -1;
            return LinkFormatStatus.Ok;
        }

        int valueLength = data[valueStart..].IndexOfAnyExcept(LenientPtokenBytes);
        if (valueLength < 0)
        {
            valueLength = data.Length - valueStart;
        }

        if (valueLength == 0)
        {
            byte b = data[valueStart];
            errorOffset = valueStart;
            return b is Comma or Semicolon ? LinkFormatStatus.MissingAttributeValue : LinkFormatStatus.UnexpectedCharacter;
        }

        parameter = new LinkParameter(name, data.Slice(valueStart, valueLength), hasValue: true, isQuoted: false);
        end = valueStart + valueLength;
        errorOffset = -1;
        return LinkFormatStatus.Ok;
    }

    private static bool IsNameTerminator(byte b) =>
        b is EqualsSign or Semicolon or Comma or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>
    /// Index of the '"' closing a quoted-string whose content starts at <paramref name="start"/>,
    /// honouring quoted-pair escapes (RFC 2616 §2.2, via RFC 5988/6690); -1 if there is none.
    /// </summary>
    private static int FindClosingQuote(ReadOnlySpan<byte> data, int start)
    {
        int position = start;
        while (position < data.Length)
        {
            int index = data[position..].IndexOfAny(QuotedSpecialBytes);
            if (index < 0)
            {
                return -1;
            }

            position += index;
            if (data[position] == Quote)
            {
                return position;
            }

            // quoted-pair: the backslash takes the next byte literally, whatever it is.
            position += 2;
        }

        return -1;
    }

    /// <summary>Length of <paramref name="raw"/> once its quoted-pairs are unescaped.</summary>
    public static int GetUnescapedLength(ReadOnlySpan<byte> raw)
    {
        int length = raw.Length;
        int position = 0;
        while (position < raw.Length)
        {
            int index = raw[position..].IndexOf(Backslash);
            if (index < 0)
            {
                break;
            }

            length--;
            position += index + 2;
        }

        return length;
    }

    /// <summary>
    /// Copies <paramref name="raw"/> without its escaping backslashes; returns the byte count
    /// or -1 if <paramref name="destination"/> is too small.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        int written = 0;
        int position = 0;
        while (position < raw.Length)
        {
            int index = raw[position..].IndexOf(Backslash);
            int run = index < 0 ? raw.Length - position : index;
            if (written + run > destination.Length)
            {
                return -1;
            }

            raw.Slice(position, run).CopyTo(destination[written..]);
            written += run;
            position += run;
            if (index < 0)
            {
                break;
            }

            if (position + 1 < raw.Length)
            {
                if (written == destination.Length)
                {
                    return -1;
                }

                destination[written++] = raw[position + 1];
            }

            position += 2;
        }

        return written;
    }

    /// <summary>Offset of the first byte of <paramref name="bytes"/> that is not well-formed UTF-8, or -1.</summary>
    public static int FindInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
        {
            return -1;
        }

        int position = 0;
        while (position < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[position..], out _, out int consumed) != OperationStatus.Done)
            {
                return position;
            }

            position += consumed;
        }

        return -1;
    }

    /// <summary>A parameter name as a string, without allocating for the well-known ones.</summary>
    public static string GetName(ReadOnlySpan<byte> name)
    {
        foreach (string known in KnownNames)
        {
            if (name.Length == known.Length && Ascii.Equals(name, known))
            {
                return known;
            }
        }

        return Encoding.UTF8.GetString(name);
    }

    /// <summary>Whether <paramref name="name"/> is a parmname, optionally followed by '*' (RFC 6690 §2).</summary>
    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.Length > 1 && name[^1] == '*')
        {
            name = name[..^1];
        }

        if (name.IsEmpty)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c > 0x7F || !ParmNameChars.Contains((byte)c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the reader would accept <paramref name="uri"/> between '&lt;' and '&gt;'.</summary>
    public static bool IsValidUri(ReadOnlySpan<char> uri)
    {
        foreach (char c in uri)
        {
            if (c <= 0x7F && UriStopBytes.Contains((byte)c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> has no unpaired surrogate (so it encodes to UTF-8 exactly).</summary>
    public static bool IsWellFormedUtf16(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
