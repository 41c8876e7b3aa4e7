using FastLwm2m.Coap.LinkFormat.Internal;

namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// Allocation-free enumerator over the parameters of a link the reader has already validated,
/// in the order they were written.
/// </summary>
public ref struct LinkParameterEnumerator
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;
    private LinkParameter _current;

    internal LinkParameterEnumerator(ReadOnlySpan<byte> parameterBytes)
    {
        _bytes = parameterBytes;
        _position = 0;
        _current = default;
    }

    /// <summary>The current parameter.</summary>
    public readonly LinkParameter Current => _current;

    /// <summary>Advances to the next parameter.</summary>
    public bool MoveNext()
    {
        int semicolon = LinkFormatSyntax.SkipWhitespace(_bytes, _position);
        if (semicolon >= _bytes.Length || _bytes[semicolon] != LinkFormatSyntax.Semicolon
            || LinkFormatSyntax.ReadParameter(_bytes, semicolon, out _current, out int end, out _) != LinkFormatStatus.Ok)
        {
            _position = _bytes.Length;
            _current = default;
            return false;
        }

        _position = end;
        return true;
    }

    /// <summary>foreach support.</summary>
    public readonly LinkParameterEnumerator GetEnumerator() => this;
}
