using System.Buffers;
using System.Text;
using FastLwm2m.Coap.LinkFormat.Internal;

namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// Writes <see cref="CoreLink"/>s as a CoRE Link Format document (RFC 6690 §2), UTF-8, links
/// separated by ',' without whitespace. A value is written as a ptoken when it is one, and as
/// a quoted-string (escaping '"' and '\') when it is not, when it is empty, when the attribute
/// asks for it (<see cref="LinkAttribute.IsQuoted"/>), and always for <c>rt</c>, <c>if</c>,
/// <c>anchor</c> and <c>title</c>, which RFC 6690 §2 and RFC 5988 §5 give as quoted-strings.
/// </summary>
public static class LinkFormatWriter
{
    private const int StackFormatLimit = 512;

    /// <summary>Number of bytes <see cref="TryWrite(CoreLink, Span{byte}, out int)"/> writes for <paramref name="link"/>.</summary>
    public static int GetByteCount(CoreLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        int count = 1 + Encoding.UTF8.GetByteCount(link.Uri) + 1;
        foreach (LinkAttribute attribute in link.Attributes)
        {
            count += 1 + GetByteCount(attribute);
        }

        return count;
    }

    /// <summary>Number of bytes the links take, with the ',' between them.</summary>
    public static int GetByteCount(IEnumerable<CoreLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        int count = 0;
        bool first = true;
        foreach (CoreLink link in links)
        {
            count += (first ? 0 : 1) + GetByteCount(link);
            first = false;
        }

        return count;
    }

    /// <summary>Writes one link into <paramref name="destination"/>; false (nothing meaningful written) if it does not fit.</summary>
    public static bool TryWrite(CoreLink link, Span<byte> destination, out int bytesWritten)
    {
        int count = GetByteCount(link);
        if (count > destination.Length)
        {
            bytesWritten = 0;
            return false;
        }

        bytesWritten = WriteLink(link, destination);
        return true;
    }

    /// <summary>Writes the links, ',' separated, into <paramref name="destination"/>; false if they do not fit.</summary>
    public static bool TryWrite(IEnumerable<CoreLink> links, Span<byte> destination, out int bytesWritten)
    {
        ArgumentNullException.ThrowIfNull(links);
        int position = 0;
        bool first = true;
        foreach (CoreLink link in links)
        {
            if (!first)
            {
                if (position == destination.Length)
                {
                    bytesWritten = 0;
                    return false;
                }

                destination[position++] = LinkFormatSyntax.Comma;
            }

            if (!TryWrite(link, destination[position..], out int written))
            {
                bytesWritten = 0;
                return false;
            }

            position += written;
            first = false;
        }

        bytesWritten = position;
        return true;
    }

    /// <summary>Writes one link to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, CoreLink link)
    {
        ArgumentNullException.ThrowIfNull(output);
        int count = GetByteCount(link);
        Span<byte> span = output.GetSpan(count);
        output.Advance(WriteLink(link, span));
    }

    /// <summary>Writes the links, ',' separated, to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, IEnumerable<CoreLink> links)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(links);
        bool first = true;
        foreach (CoreLink link in links)
        {
            int count = GetByteCount(link) + (first ? 0 : 1);
            Span<byte> span = output.GetSpan(count);
            int position = 0;
            if (!first)
            {
                span[position++] = LinkFormatSyntax.Comma;
            }

            position += WriteLink(link, span[position..]);
            output.Advance(position);
            first = false;
        }
    }

    /// <summary>The link as link-format text.</summary>
    public static string Format(CoreLink link) => Format([link]);

    /// <summary>The links as a link-format document.</summary>
    public static string Format(IEnumerable<CoreLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        IReadOnlyCollection<CoreLink> list = links as IReadOnlyCollection<CoreLink> ?? [.. links];
        int count = GetByteCount(list);
        byte[]? rented = null;
        Span<byte> buffer = count <= StackFormatLimit
            ? stackalloc byte[StackFormatLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(count));
        try
        {
            TryWrite(list, buffer, out int written);
            return Encoding.UTF8.GetString(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>One attribute as link-format text, e.g. <c>ver=1.1</c>.</summary>
    internal static string Format(LinkAttribute attribute)
    {
        if (attribute.Name is null)
        {
            return string.Empty;
        }

        var buffer = new byte[GetByteCount(attribute)];
        int written = WriteAttribute(attribute, buffer);
        return Encoding.UTF8.GetString(buffer.AsSpan(0, written));
    }

    /// <summary>
    /// Whether <paramref name="value"/> of attribute <paramref name="name"/> must be a
    /// quoted-string: it is not an RFC 6690 §2 ptoken (empty, or a character outside
    /// ptokenchar), or the attribute is one RFC 6690/5988 defines as a quoted-string.
    /// </summary>
    internal static bool RequiresQuoting(string name, string value) =>
        value.Length == 0
        || value.AsSpan().ContainsAnyExcept(LinkFormatSyntax.PtokenChars)
        || IsAlwaysQuoted(name);

    private static bool IsAlwaysQuoted(string name) =>
        name.Equals("rt", StringComparison.OrdinalIgnoreCase)
        || name.Equals("if", StringComparison.OrdinalIgnoreCase)
        || name.Equals("anchor", StringComparison.OrdinalIgnoreCase)
        || name.Equals("title", StringComparison.OrdinalIgnoreCase);

    private static bool IsQuotedOnWrite(LinkAttribute attribute) =>
        attribute.IsQuoted || RequiresQuoting(attribute.Name, attribute.Value!);

    private static int GetByteCount(LinkAttribute attribute)
    {
        int count = attribute.Name.Length; // parmname is ASCII
        string? value = attribute.Value;
        if (value is null)
        {
            return count;
        }

        count += 1 + Encoding.UTF8.GetByteCount(value);
        if (IsQuotedOnWrite(attribute))
        {
            count += 2 + CountQuotedSpecials(value);
        }

        return count;
    }

    private static int CountQuotedSpecials(ReadOnlySpan<char> value)
    {
        int count = 0;
        int index;
        while ((index = value.IndexOfAny(LinkFormatSyntax.QuotedSpecialChars)) >= 0)
        {
            count++;
            value = value[(index + 1)..];
        }

        return count;
    }

    // The destination is known to be large enough (GetByteCount).
    private static int WriteLink(CoreLink link, Span<byte> destination)
    {
        int position = 0;
        destination[position++] = LinkFormatSyntax.OpeningAngle;
        position += Encoding.UTF8.GetBytes(link.Uri, destination[position..]);
        destination[position++] = LinkFormatSyntax.ClosingAngle;
        foreach (LinkAttribute attribute in link.Attributes)
        {
            destination[position++] = LinkFormatSyntax.Semicolon;
            position += WriteAttribute(attribute, destination[position..]);
        }

        return position;
    }

    private static int WriteAttribute(LinkAttribute attribute, Span<byte> destination)
    {
        int position = Encoding.ASCII.GetBytes(attribute.Name, destination);
        string? value = attribute.Value;
        if (value is null)
        {
            return position;
        }

        destination[position++] = LinkFormatSyntax.EqualsSign;
        if (!IsQuotedOnWrite(attribute))
        {
            return position + Encoding.UTF8.GetBytes(value, destination[position..]);
        }

        destination[position++] = LinkFormatSyntax.Quote;
        ReadOnlySpan<char> rest = value;
        int index;
        while ((index = rest.IndexOfAny(LinkFormatSyntax.QuotedSpecialChars)) >= 0)
        {
            // quoted-pair (RFC 2616 §2.2): '\' before each '"' and '\'. Both are ASCII, so
            // splitting here never cuts a surrogate pair.
            position += Encoding.UTF8.GetBytes(rest[..index], destination[position..]);
            destination[position++] = LinkFormatSyntax.Backslash;
            destination[position++] = (byte)rest[index];
            rest = rest[(index + 1)..];
        }

        position += Encoding.UTF8.GetBytes(rest, destination[position..]);
        destination[position++] = LinkFormatSyntax.Quote;
        return position;
    }
}
