using System.Buffers;
using System.Text;
using FastLwm2m.Coap.Internal;

namespace FastLwm2m.Coap;

/// <summary>
/// Writes one CoAP message (RFC 7252 §3) into an <see cref="IBufferWriter{T}"/>, allocation-free
/// beyond what the buffer writer itself does. Same call order and bytes as
/// <see cref="CoapMessageWriter"/>: <c>WriteHeader</c> once, options in non-decreasing number
/// order, then at most one <see cref="WritePayload"/>; breaking the order throws
/// <see cref="InvalidOperationException"/>. The buffer writer grows, so there is no overflow.
/// </summary>
/// <typeparam name="TBufferWriter">
/// The buffer writer; generic (rather than the interface) so that calls on a struct or sealed
/// implementation devirtualize.
/// </typeparam>
public ref struct CoapBufferWriter<TBufferWriter>
    where TBufferWriter : IBufferWriter<byte>
{
    private readonly ref TBufferWriter _bufferWriter;
    private int _written;
    private CoapWriterState _state;

    /// <summary>Creates a writer that appends to <paramref name="bufferWriter"/>.</summary>
    public CoapBufferWriter(ref TBufferWriter bufferWriter)
    {
        _bufferWriter = ref bufferWriter;
        _written = 0;
        _state = default;
    }

    /// <summary>Bytes written (advanced) by this writer so far.</summary>
    public readonly int BytesWritten => _written;

    /// <summary>Writes version 1, type, token length, code, message id and token.</summary>
    /// <exception cref="ArgumentException">Token longer than 8 bytes.</exception>
    public void WriteHeader(CoapMessageType type, CoapCode code, ushort messageId, ReadOnlySpan<byte> token)
    {
        if (token.Length > CoapToken.MaxLength)
        {
            CoapThrowHelper.ThrowTokenTooLong(nameof(token));
        }

        _state.BeginHeader();
        int size = CoapHeader.Size + token.Length;
        var span = _bufferWriter.GetSpan(size);
        CoapHeader.Write(span, type, code, messageId, token.Length);
        token.CopyTo(span.Slice(CoapHeader.Size));
        Advance(size);
    }

    /// <summary>Writes the header with a <see cref="CoapToken"/>.</summary>
    public void WriteHeader(CoapMessageType type, CoapCode code, ushort messageId, CoapToken token)
    {
        _state.BeginHeader();
        int size = CoapHeader.Size + token.Length;
        var span = _bufferWriter.GetSpan(size);
        CoapHeader.Write(span, type, code, messageId, token.Length);
        token.CopyTo(span.Slice(CoapHeader.Size));
        Advance(size);
    }

    /// <summary>Writes an option with an opaque value, encoding delta and length (§3.1).</summary>
    /// <exception cref="ArgumentException">A value longer than 65804 bytes, which §3.1 cannot encode.</exception>
    public void WriteOption(ushort number, ReadOnlySpan<byte> value)
    {
        if (value.Length > CoapOptionHeader.MaxEncodable)
        {
            CoapThrowHelper.ThrowOptionTooLong(nameof(value));
        }

        int delta = _state.BeginOption(number);
        int headerSize = CoapOptionHeader.GetHeaderSize(delta, value.Length);
        int size = headerSize + value.Length;
        var span = _bufferWriter.GetSpan(size);
        CoapOptionHeader.WriteHeader(span, delta, value.Length);
        value.CopyTo(span.Slice(headerSize));
        Advance(size);
    }

    /// <summary>Writes a uint option in its shortest form (§3.2: 0 is zero bytes).</summary>
    public void WriteOption(ushort number, uint value)
    {
        int delta = _state.BeginOption(number);
        int length = CoapOptionHeader.GetUInt32Length(value);
        int headerSize = CoapOptionHeader.GetHeaderSize(delta, length);
        int size = headerSize + length;
        var span = _bufferWriter.GetSpan(size);
        CoapOptionHeader.WriteHeader(span, delta, length);
        CoapOptionHeader.WriteUInt32(span.Slice(headerSize), value, length);
        Advance(size);
    }

    /// <summary>Writes a string option as UTF-8.</summary>
    /// <exception cref="ArgumentException">A value whose UTF-8 form is longer than 65804 bytes.</exception>
    public void WriteOption(ushort number, ReadOnlySpan<char> value)
    {
        // UTF-8 never has fewer bytes than UTF-16 has chars.
        if (value.Length > CoapOptionHeader.MaxEncodable)
        {
            CoapThrowHelper.ThrowOptionTooLong(nameof(value));
        }

        int delta = _state.BeginOption(number);
        int headerSize = CoapOptionHeader.GetHeaderSize(delta, value.Length);
        int size = headerSize + value.Length;
        var span = _bufferWriter.GetSpan(size);

        // Fast path: Uri-Path, Uri-Query and Location-Path values are nearly always ASCII.
        if (Ascii.FromUtf16(value, span.Slice(headerSize, value.Length), out _) == OperationStatus.Done)
        {
            CoapOptionHeader.WriteHeader(span, delta, value.Length);
            Advance(size);
            return;
        }

        WriteNonAsciiOption(delta, value);
    }

    private void WriteNonAsciiOption(int delta, ReadOnlySpan<char> value)
    {
        // Invalid UTF-16 (lone surrogates) becomes U+FFFD, consistently in count and encode.
        int length = Encoding.UTF8.GetByteCount(value);
        if (length > CoapOptionHeader.MaxEncodable)
        {
            CoapThrowHelper.ThrowOptionTooLong(nameof(value));
        }

        int headerSize = CoapOptionHeader.GetHeaderSize(delta, length);
        int size = headerSize + length;
        var span = _bufferWriter.GetSpan(size);
        CoapOptionHeader.WriteHeader(span, delta, length);
        Encoding.UTF8.GetBytes(value, span.Slice(headerSize, length));
        Advance(size);
    }

    /// <summary>Writes the 0xFF marker and the payload; an empty payload writes nothing.</summary>
    public void WritePayload(ReadOnlySpan<byte> payload)
    {
        _state.BeginPayload();

        // §3: the marker is present only before a non-empty payload.
        if (payload.IsEmpty)
        {
            return;
        }

        int size = sizeof(byte) + payload.Length;
        var span = _bufferWriter.GetSpan(size);
        span[0] = CoapOptionHeader.PayloadMarker;
        payload.CopyTo(span.Slice(sizeof(byte)));
        Advance(size);
    }

    private void Advance(int size)
    {
        _bufferWriter.Advance(size);
        _written += size;
    }
}
