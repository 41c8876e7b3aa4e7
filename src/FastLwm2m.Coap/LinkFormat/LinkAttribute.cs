using FastLwm2m.Coap.LinkFormat.Internal;

namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// One target attribute of a <see cref="CoreLink"/> (RFC 6690 §2 link-param): a name and a
/// value, or a name alone (e.g. <c>obs</c>). Equality compares name and value ordinally and
/// ignores <see cref="IsQuoted"/>, which is only how the value was (or is to be) written.
/// </summary>
public readonly struct LinkAttribute : IEquatable<LinkAttribute>
{
    /// <summary>Creates a name-only attribute such as <c>obs</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not an RFC 6690 parmname.</exception>
    public LinkAttribute(string name)
        : this(name, null)
    {
    }

    /// <summary>Creates an attribute; a null <paramref name="value"/> makes it name-only.</summary>
    /// <param name="name">An RFC 6690 parmname (ALPHA, DIGIT, <c>!#$&amp;+-.^_`|~</c>), optionally ending in '*'.</param>
    /// <param name="value">The unescaped value, or null.</param>
    /// <param name="isQuoted">
    /// Write the value as a quoted-string even where a ptoken would do (the writer quotes
    /// anyway when the value needs it, and for <c>rt</c>, <c>if</c>, <c>anchor</c>, <c>title</c>).
    /// </param>
    /// <exception cref="ArgumentException">Bad name, or a value with an unpaired surrogate.</exception>
    public LinkAttribute(string name, string? value, bool isQuoted = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!LinkFormatSyntax.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not an RFC 6690 parameter name.", nameof(name));
        }

        if (value is not null && !LinkFormatSyntax.IsWellFormedUtf16(value))
        {
            throw new ArgumentException("The value has an unpaired surrogate.", nameof(value));
        }

        Name = name;
        Value = value;
        IsQuoted = isQuoted && value is not null;
    }

    internal LinkAttribute(string name, string? value, bool isQuoted, bool validated)
    {
        _ = validated;
        Name = name;
        Value = value;
        IsQuoted = isQuoted;
    }

    /// <summary>The parameter name, e.g. <c>ver</c>.</summary>
    public string Name { get; }

    /// <summary>The unescaped value, or null for a name-only attribute.</summary>
    public string? Value { get; }

    /// <summary>Whether the value was a quoted-string (or is asked to be written as one).</summary>
    public bool IsQuoted { get; }

    /// <summary>Whether the attribute has a value.</summary>
    public bool HasValue => Value is not null;

    /// <inheritdoc />
    public bool Equals(LinkAttribute other) =>
        string.Equals(Name, other.Name, StringComparison.Ordinal) && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LinkAttribute a && Equals(a);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(
        Name is null ? 0 : StringComparer.Ordinal.GetHashCode(Name),
        Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value));

    /// <summary>Equality.</summary>
    public static bool operator ==(LinkAttribute a, LinkAttribute b) => a.Equals(b);
    /// <summary>Inequality.</summary>
    public static bool operator !=(LinkAttribute a, LinkAttribute b) => !a.Equals(b);

    /// <summary>The attribute in link format, e.g. <c>ver=1.1</c> or <c>rt="oma.lwm2m"</c>.</summary>
    public override string ToString() => LinkFormatWriter.Format(this);
}
