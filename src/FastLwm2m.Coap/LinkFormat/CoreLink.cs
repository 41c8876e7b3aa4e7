using System.Collections.Immutable;
using System.Globalization;
using FastLwm2m.Coap.LinkFormat.Internal;

namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// A CoRE link (RFC 6690 §2): a target URI-Reference and its attributes in order, e.g. one
/// entry <c>&lt;/3&gt;;ver=1.2</c> of an LwM2M Register payload (LwM2M 1.1 Core §6.2.1).
/// Immutable. Equality is ordinal over the URI and the attributes (names and values, in order).
/// </summary>
public sealed class CoreLink : IEquatable<CoreLink>
{
    /// <summary>Creates a link.</summary>
    /// <param name="uri">The URI-Reference; it may not contain whitespace, controls, '&lt;', '&gt;' or '"'.</param>
    /// <param name="attributes">The attributes, in the order they are to be written.</param>
    /// <exception cref="ArgumentException">A bad URI or a default <see cref="LinkAttribute"/>.</exception>
    public CoreLink(string uri, params IEnumerable<LinkAttribute> attributes)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(attributes);
        if (!LinkFormatSyntax.IsValidUri(uri) || !LinkFormatSyntax.IsWellFormedUtf16(uri))
        {
            throw new ArgumentException($"'{uri}' cannot be written as a link-format URI-Reference.", nameof(uri));
        }

        ImmutableArray<LinkAttribute> copy = [.. attributes];
        foreach (LinkAttribute attribute in copy)
        {
            if (attribute.Name is null)
            {
                throw new ArgumentException("An attribute is default(LinkAttribute).", nameof(attributes));
            }
        }

        Uri = uri;
        Attributes = copy;
    }

    internal CoreLink(string uri, ImmutableArray<LinkAttribute> attributes, bool validated)
    {
        _ = validated;
        Uri = uri;
        Attributes = attributes;
    }

    /// <summary>The target URI-Reference, e.g. <c>/3/0</c> or <c>coap://example.com/x</c>.</summary>
    public string Uri { get; }

    /// <summary>The attributes in document order; duplicates are kept.</summary>
    public ImmutableArray<LinkAttribute> Attributes { get; }

    /// <summary>
    /// Finds the first attribute named <paramref name="name"/> (ASCII case-insensitive).
    /// <paramref name="value"/> is null when it is name-only, like <c>obs</c>.
    /// </summary>
    public bool TryGetAttribute(string name, out string? value)
    {
        foreach (LinkAttribute attribute in Attributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = attribute.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Whether an attribute named <paramref name="name"/> is present (with or without a value).</summary>
    public bool HasAttribute(string name) => TryGetAttribute(name, out _);

    /// <summary>The value of the first attribute named <paramref name="name"/>; null if absent or name-only.</summary>
    public string? GetAttribute(string name) => TryGetAttribute(name, out string? value) ? value : null;

    /// <summary>
    /// The first attribute named <paramref name="name"/> as an unsigned decimal integer, e.g.
    /// <c>pmin</c>, <c>ssid</c>, <c>dim</c>; false if absent, name-only or not plain digits.
    /// </summary>
    public bool TryGetUInt32(string name, out uint value)
    {
        value = 0;
        return TryGetAttribute(name, out string? text) && text is not null
            && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The first attribute named <paramref name="name"/> as a decimal number, e.g. the LwM2M
    /// <c>gt</c>, <c>lt</c>, <c>st</c> attributes (invariant culture, optional sign and exponent).
    /// </summary>
    public bool TryGetDouble(string name, out double value)
    {
        value = 0;
        return TryGetAttribute(name, out string? text) && text is not null
            && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The <c>rt</c> (Resource Type, RFC 6690 §3.1) value, e.g. <c>oma.lwm2m</c>; null if absent.</summary>
    public string? ResourceType => GetAttribute("rt");

    /// <summary>
    /// Whether <c>rt</c> lists <paramref name="resourceType"/> (it is a space-separated list,
    /// RFC 6690 §3.1).
    /// </summary>
    public bool HasResourceType(string resourceType)
    {
        string? rt = ResourceType;
        if (rt is null)
        {
            return false;
        }

        foreach (Range range in rt.AsSpan().Split(' '))
        {
            if (rt.AsSpan()[range].SequenceEqual(resourceType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The <c>ct</c> (Content-Format) values: one number, or a quoted space-separated list such
    /// as <c>ct="40 11543"</c> (RFC 7252 §7.2.1). False if absent or any entry is not 0-65535.
    /// </summary>
    public bool TryGetContentFormats(out ushort[] contentFormats)
    {
        contentFormats = [];
        if (!TryGetAttribute("ct", out string? ct) || ct is null)
        {
            return false;
        }

        ReadOnlySpan<char> text = ct.AsSpan();
        int count = 0;
        foreach (Range range in text.Split(' '))
        {
            if (!text[range].IsEmpty)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return false;
        }

        var formats = new ushort[count];
        int index = 0;
        foreach (Range range in text.Split(' '))
        {
            ReadOnlySpan<char> entry = text[range];
            if (entry.IsEmpty)
            {
                continue;
            }

            if (!ushort.TryParse(entry, NumberStyles.None, CultureInfo.InvariantCulture, out formats[index++]))
            {
                return false;
            }
        }

        contentFormats = formats;
        return true;
    }

    /// <summary>Whether <c>ct</c> lists <paramref name="contentFormat"/>.</summary>
    public bool HasContentFormat(ushort contentFormat) =>
        TryGetContentFormats(out ushort[] formats) && Array.IndexOf(formats, contentFormat) >= 0;

    /// <summary>
    /// The LwM2M <c>ver</c> attribute (LwM2M 1.1 Core §6.2.1: Object version "major.minor",
    /// e.g. <c>ver=1.1</c>); false if absent or not two dot-separated decimal numbers.
    /// </summary>
    public bool TryGetVersion(out int major, out int minor)
    {
        major = 0;
        minor = 0;
        if (!TryGetAttribute("ver", out string? ver) || ver is null)
        {
            return false;
        }

        int dot = ver.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            && int.TryParse(ver.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out major)
            && int.TryParse(ver.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }

    /// <inheritdoc />
    public bool Equals(CoreLink? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return string.Equals(Uri, other.Uri, StringComparison.Ordinal)
            && Attributes.AsSpan().SequenceEqual(other.Attributes.AsSpan());
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CoreLink);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Uri, StringComparer.Ordinal);
        foreach (LinkAttribute attribute in Attributes)
        {
            hash.Add(attribute);
        }

        return hash.ToHashCode();
    }

    /// <summary>The link in link format, e.g. <c>&lt;/&gt;;rt="oma.lwm2m";ct=11543</c>.</summary>
    public override string ToString() => LinkFormatWriter.Format(this);
}
