using System.Buffers;
using System.Globalization;
using System.Text;
using FastLwm2m.Coap.LinkFormat.Internal;

namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// One link-param of a link, as found in the input (RFC 6690 §2): a view over the reader's
/// bytes, valid as long as they are. Obtained from <see cref="LinkValue.Parameters"/>.
/// </summary>
public readonly ref struct LinkParameter
{
    private const int StackUnescapeLimit = 256;

    internal LinkParameter(ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawValue, bool hasValue, bool isQuoted)
    {
        Name = name;
        RawValue = rawValue;
        HasValue = hasValue;
        IsQuoted = isQuoted;
    }

    /// <summary>The parameter name (ASCII), e.g. <c>ct</c>.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>
    /// The value as written: without the surrounding quotes but with any quoted-pair
    /// backslashes still in it. Empty for a name-only parameter such as <c>obs</c>.
    /// </summary>
    public ReadOnlySpan<byte> RawValue { get; }

    /// <summary>Whether the parameter has "=" and a value (false for e.g. <c>obs</c>).</summary>
    public bool HasValue { get; }

    /// <summary>Whether the value was a quoted-string.</summary>
    public bool IsQuoted { get; }

    /// <summary>Whether the name equals <paramref name="name"/>, ignoring ASCII case.</summary>
    public bool NameEquals(ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(Name, name);

    /// <summary>Whether the name equals <paramref name="name"/>, ignoring ASCII case.</summary>
    public bool NameEquals(ReadOnlySpan<char> name) => Ascii.EqualsIgnoreCase(Name, name);

    /// <summary>Length in bytes of the unescaped value.</summary>
    public int GetValueLength() => IsQuoted ? LinkFormatSyntax.GetUnescapedLength(RawValue) : RawValue.Length;

    /// <summary>
    /// Copies the unescaped value into <paramref name="destination"/>; false (and nothing
    /// meaningful written) if it does not fit.
    /// </summary>
    public bool TryCopyValueTo(Span<byte> destination, out int bytesWritten)
    {
        if (!IsQuoted)
        {
            if (!RawValue.TryCopyTo(destination))
            {
                bytesWritten = 0;
                return false;
            }

            bytesWritten = RawValue.Length;
            return true;
        }

        int written = LinkFormatSyntax.Unescape(RawValue, destination);
        bytesWritten = Math.Max(written, 0);
        return written >= 0;
    }

    /// <summary>The unescaped value as a string, or null for a name-only parameter.</summary>
    public string? GetValueString()
    {
        if (!HasValue)
        {
            return null;
        }

        if (!IsQuoted || RawValue.IndexOf(LinkFormatSyntax.Backslash) < 0)
        {
            return Encoding.UTF8.GetString(RawValue);
        }

        byte[]? rented = null;
        Span<byte> buffer = RawValue.Length <= StackUnescapeLimit
            ? stackalloc byte[StackUnescapeLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(RawValue.Length));
        try
        {
            int length = LinkFormatSyntax.Unescape(RawValue, buffer);
            return Encoding.UTF8.GetString(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The value as an unsigned decimal integer (e.g. <c>ct=40</c>, <c>pmin="10"</c>); false if
    /// there is no value or it is not plain digits that fit in 32 bits.
    /// </summary>
    public bool TryGetUInt32(out uint value)
    {
        value = 0;
        if (!HasValue || RawValue.IsEmpty)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[16];
        if (!TryCopyValueTo(buffer, out int length))
        {
            return false;
        }

        return uint.TryParse(buffer[..length], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The parameter as written, e.g. <c>rt="oma.lwm2m"</c>.</summary>
    public override string ToString()
    {
        string name = Encoding.UTF8.GetString(Name);
        if (!HasValue)
        {
            return name;
        }

        string raw = Encoding.UTF8.GetString(RawValue);
        return IsQuoted ? $"{name}=\"{raw}\"" : $"{name}={raw}";
    }
}
