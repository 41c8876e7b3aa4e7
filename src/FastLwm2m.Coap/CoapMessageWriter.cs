using System.Buffers;
using System.Text;
using FastLwm2m.Coap.Internal;

namespace FastLwm2m.Coap;

/// <summary>
/// Writes one CoAP message (RFC 7252 §3) into a caller's span, allocation-free. Call
/// <c>WriteHeader</c> once, then options in non-decreasing number order, then at most one
/// <see cref="WritePayload"/>. When the span is too small the writer stops writing and
/// <see cref="HasOverflowed"/> becomes true (check once at the end). Writing an option whose
/// number is below the previous one, or anything after the payload, is a programming error and
/// throws <see cref="InvalidOperationException"/>.
/// </summary>
/// <remarks>
/// Each write is all-or-nothing: a write that does not fit writes no byte, and every later write
/// is skipped, so <see cref="BytesWritten"/> stays at the last complete write. To write into an
/// <see cref="System.Buffers.IBufferWriter{T}"/> use <see cref="CoapBufferWriter{TBufferWriter}"/>.
/// </remarks>
public ref struct CoapMessageWriter
{
    private readonly Span<byte> _destination;
    private int _written;
    private bool _overflowed;
    private CoapWriterState _state;

    /// <summary>Creates a writer over <paramref name="destination"/>.</summary>
    public CoapMessageWriter(Span<byte> destination)
    {
        _destination = destination;
        _written = 0;
        _overflowed = false;
        _state = default;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int BytesWritten => _written;

    /// <summary>True once a write did not fit; the output is then unusable.</summary>
    public readonly bool HasOverflowed => _overflowed;

    /// <summary>The written bytes.</summary>
    public readonly ReadOnlySpan<byte> Written => _destination.Slice(0, _written);

    /// <summary>Writes version 1, type, token length, code, message id and token.</summary>
    /// <exception cref="ArgumentException">Token longer than 8 bytes.</exception>
    public void WriteHeader(CoapMessageType type, CoapCode code, ushort messageId, ReadOnlySpan<byte> token)
    {
        if (token.Length > CoapToken.MaxLength)
        {
            CoapThrowHelper.ThrowTokenTooLong(nameof(token));
        }

        _state.BeginHeader();
        var span = TryReserve(CoapHeader.Size + token.Length);
        if (span.IsEmpty)
        {
            return;
        }

        CoapHeader.Write(span, type, code, messageId, token.Length);
        token.CopyTo(span.Slice(CoapHeader.Size));
        _written += span.Length;
    }

    /// <summary>Writes the header with a <see cref="CoapToken"/>.</summary>
    public void WriteHeader(CoapMessageType type, CoapCode code, ushort messageId, CoapToken token)
    {
        _state.BeginHeader();
        var span = TryReserve(CoapHeader.Size + token.Length);
        if (span.IsEmpty)
        {
            return;
        }

        CoapHeader.Write(span, type, code, messageId, token.Length);
        token.CopyTo(span.Slice(CoapHeader.Size));
        _written += span.Length;
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
        var span = TryReserve(headerSize + value.Length);
        if (span.IsEmpty)
        {
            return;
        }

        CoapOptionHeader.WriteHeader(span, delta, value.Length);
        value.CopyTo(span.Slice(headerSize));
        _written += span.Length;
    }

    /// <summary>Writes a uint option in its shortest form (§3.2: 0 is zero bytes).</summary>
    public void WriteOption(ushort number, uint value)
    {
        int delta = _state.BeginOption(number);
        int length = CoapOptionHeader.GetUInt32Length(value);
        int headerSize = CoapOptionHeader.GetHeaderSize(delta, length);
        var span = TryReserve(headerSize + length);
        if (span.IsEmpty)
        {
            return;
        }

        CoapOptionHeader.WriteHeader(span, delta, length);
        CoapOptionHeader.WriteUInt32(span.Slice(headerSize), value, length);
        _written += span.Length;
    }

    /// <summary>Writes a string option as UTF-8.</summary>
    /// <exception cref="ArgumentException">A value whose UTF-8 form is longer than 65804 bytes.</exception>
    public void WriteOption(ushort number, ReadOnlySpan<char> value)
    {
        // UTF-8 never has fewer bytes than UTF-16 has chars, so a value with more chars than the
        // encodable length, or one that does not fit as if it were ASCII, cannot fit at all.
        if (value.Length > CoapOptionHeader.MaxEncodable)
        {
            CoapThrowHelper.ThrowOptionTooLong(nameof(value));
        }

        int delta = _state.BeginOption(number);
        int headerSize = CoapOptionHeader.GetHeaderSize(delta, value.Length);
        var span = TryReserve(headerSize + value.Length);
        if (span.IsEmpty)
        {
            return;
        }

        // Fast path: Uri-Path, Uri-Query and Location-Path values are nearly always ASCII.
        if (Ascii.FromUtf16(value, span.Slice(headerSize), out _) == OperationStatus.Done)
        {
            CoapOptionHeader.WriteHeader(span, delta, value.Length);
            _written += span.Length;
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
        var span = TryReserve(headerSize + length);
        if (span.IsEmpty)
        {
            return;
        }

        CoapOptionHeader.WriteHeader(span, delta, length);
        Encoding.UTF8.GetBytes(value, span.Slice(headerSize));
        _written += span.Length;
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

        var span = TryReserve(sizeof(byte) + payload.Length);
        if (span.IsEmpty)
        {
            return;
        }

        span[0] = CoapOptionHeader.PayloadMarker;
        payload.CopyTo(span.Slice(sizeof(byte)));
        _written += span.Length;
    }

    /// <summary>
    /// Writes a 4-byte empty message (code 0.00, no token), e.g. an ACK or RST; returns 4, or 0
    /// if <paramref name="destination"/> is shorter than 4 bytes.
    /// </summary>
    public static int WriteEmpty(Span<byte> destination, CoapMessageType type, ushort messageId)
    {
        if (destination.Length < CoapHeader.Size)
        {
            return 0;
        }

        CoapHeader.Write(destination, type, CoapCode.Empty, messageId, tokenLength: 0);
        return CoapHeader.Size;
    }

    /// <summary>The next <paramref name="size"/> (&gt; 0) bytes, or empty (and overflowed) if they do not fit.</summary>
    private Span<byte> TryReserve(int size)
    {
        if (!_overflowed && size <= _destination.Length - _written)
        {
            return _destination.Slice(_written, size);
        }

        _overflowed = true;
        return default;
    }
}
