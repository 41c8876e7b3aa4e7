using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;
using FastLwm2m.Coap.LinkFormat.Internal;

namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// One validated link-value (RFC 6690 §2: <c>"&lt;" URI-Reference "&gt;" *( ";" link-param )</c>)
/// as a view over the reader's bytes. Enumerating its parameters cannot fail.
/// </summary>
public readonly ref struct LinkValue
{
    internal LinkValue(ReadOnlySpan<byte> uri, ReadOnlySpan<byte> parameterBytes, int offset)
    {
        Uri = uri;
        ParameterBytes = parameterBytes;
        Offset = offset;
    }

    /// <summary>The URI-Reference between '&lt;' and '&gt;' (UTF-8), e.g. <c>/3/0</c>.</summary>
    public ReadOnlySpan<byte> Uri { get; }

    /// <summary>The validated bytes after '&gt;' holding the <c>;</c>-separated parameters.</summary>
    public ReadOnlySpan<byte> ParameterBytes { get; }

    /// <summary>Byte offset of the link's '&lt;' in the reader's input.</summary>
    public int Offset { get; }

    /// <summary>The parameters in order (foreach-able, allocation-free).</summary>
    public LinkParameterEnumerator Parameters => new(ParameterBytes);

    /// <summary>Finds the first parameter whose name equals <paramref name="name"/>, ignoring ASCII case.</summary>
    public bool TryGetParameter(ReadOnlySpan<byte> name, out LinkParameter parameter)
    {
        foreach (LinkParameter candidate in Parameters)
        {
            if (candidate.NameEquals(name))
            {
                parameter = candidate;
                return true;
            }
        }

        parameter = default;
        return false;
    }

    /// <summary>The URI-Reference as a string.</summary>
    public string GetUriString() => Encoding.UTF8.GetString(Uri);

    /// <summary>Copies the link into a <see cref="CoreLink"/> (allocates its strings).</summary>
    public CoreLink ToCoreLink()
    {
        int count = 0;
        foreach (LinkParameter _ in Parameters)
        {
            count++;
        }

        if (count == 0)
        {
            return new CoreLink(GetUriString(), ImmutableArray<LinkAttribute>.Empty, validated: true);
        }

        var attributes = new LinkAttribute[count];
        int index = 0;
        foreach (LinkParameter parameter in Parameters)
        {
            attributes[index++] = new LinkAttribute(
                LinkFormatSyntax.GetName(parameter.Name), parameter.GetValueString(), parameter.IsQuoted, validated: true);
        }

        return new CoreLink(GetUriString(), ImmutableCollectionsMarshal.AsImmutableArray(attributes), validated: true);
    }

    /// <summary>The link as written, e.g. <c>&lt;/3/0&gt;;pmin=10</c>.</summary>
    public override string ToString() =>
        $"<{GetUriString()}>{Encoding.UTF8.GetString(ParameterBytes)}";
}
