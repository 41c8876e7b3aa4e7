using System.Diagnostics.CodeAnalysis;
using System.Text;
using FastLwm2m.Coap.LinkFormat.Internal;

namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// Parses a whole CoRE Link Format document (RFC 6690) into <see cref="CoreLink"/> objects,
/// e.g. a Register payload <c>&lt;/&gt;;rt="oma.lwm2m";ct=11543,&lt;/1&gt;;ver=1.1,&lt;/3/0&gt;</c>.
/// Allocates the result; use <see cref="LinkFormatReader"/> to walk a document without allocating.
/// </summary>
/// <remarks>
/// Named <c>LinkFormatParser</c> rather than <c>LinkFormat</c> so that the type does not share
/// its namespace's name: code under <c>FastLwm2m.Coap</c> would otherwise resolve
/// <c>LinkFormat</c> to the namespace.
/// </remarks>
public static class LinkFormatParser
{
    /// <summary>
    /// Parses a UTF-8 document. Never throws. On failure <paramref name="links"/> is empty and
    /// <paramref name="error"/> names the status and byte offset; on success it is
    /// <see cref="LinkFormatError.None"/>. An empty (or whitespace-only) document has zero links.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out IReadOnlyList<CoreLink> links, out LinkFormatError error)
    {
        var reader = new LinkFormatReader(utf8);
        List<CoreLink>? result = null;
        while (reader.TryReadLink(out LinkValue link))
        {
            // Upper bound on the link count: one more than the commas (some may be quoted).
            result ??= new List<CoreLink>(utf8.Count(LinkFormatSyntax.Comma) + 1);
            result.Add(link.ToCoreLink());
        }

        if (reader.Status != LinkFormatStatus.End)
        {
            links = [];
            error = reader.Error;
            return false;
        }

        links = result is null ? [] : result;
        error = LinkFormatError.None;
        return true;
    }

    /// <summary>
    /// Parses a document given as text (encoded to UTF-8 first; <see cref="LinkFormatError.Offset"/>
    /// is a byte offset in that encoding, which equals the character offset for ASCII text).
    /// </summary>
    public static bool TryParse(string text, out IReadOnlyList<CoreLink> links, out LinkFormatError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(Encoding.UTF8.GetBytes(text), out links, out error);
    }

    /// <summary>Parses a UTF-8 document.</summary>
    /// <exception cref="FormatException">The document is not valid link format.</exception>
    public static IReadOnlyList<CoreLink> Parse(ReadOnlySpan<byte> utf8)
    {
        if (!TryParse(utf8, out IReadOnlyList<CoreLink> links, out LinkFormatError error))
        {
            ThrowFormatException(error);
        }

        return links;
    }

    /// <summary>Parses a document given as text.</summary>
    /// <exception cref="FormatException">The document is not valid link format.</exception>
    public static IReadOnlyList<CoreLink> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(Encoding.UTF8.GetBytes(text));
    }

    [DoesNotReturn]
    private static void ThrowFormatException(LinkFormatError error) =>
        throw new FormatException($"Invalid CoRE Link Format (RFC 6690): {error}.");
}
