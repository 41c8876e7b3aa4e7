using FastLwm2m.Coap.Internal;

namespace FastLwm2m.Coap;

/// <summary>Allocation-free enumerator over the options of a validated message.</summary>
public ref struct CoapOptionEnumerator
{
    private readonly ReadOnlySpan<byte> _optionBytes;
    private int _offset;
    private int _number;
    private ReadOnlySpan<byte> _value;

    /// <summary>
    /// Creates an enumerator over a validated options region (see
    /// <see cref="CoapMessageReader.OptionBytes"/>). Given bytes that are not a valid options
    /// region, enumeration stops at the first malformed option instead of throwing.
    /// </summary>
    public CoapOptionEnumerator(ReadOnlySpan<byte> optionBytes)
    {
        _optionBytes = optionBytes;
        _offset = 0;
        _number = 0;
        _value = default;
    }

    /// <summary>The current option.</summary>
    public readonly CoapOption Current => new((ushort)_number, _value);

    /// <summary>Advances to the next option.</summary>
    public bool MoveNext()
    {
        if (_offset >= _optionBytes.Length)
        {
            return false;
        }

        var status = CoapOptionHeader.TryRead(_optionBytes, _offset, _number, out int number, out int valueOffset, out int valueLength);
        if (status != CoapParseStatus.Ok)
        {
            _offset = _optionBytes.Length;
            return false;
        }

        _number = number;
        _value = _optionBytes.Slice(valueOffset, valueLength);
        _offset = valueOffset + valueLength;
        return true;
    }

    /// <summary>foreach support.</summary>
    public readonly CoapOptionEnumerator GetEnumerator() => this;
}
