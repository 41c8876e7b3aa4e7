using System.Buffers;
using System.Text;

namespace FastLwm2m.Coap;

/// <summary>
/// Collects the response a <see cref="ICoapRequestHandler"/> gives: code, options (in any
/// order: they are sorted when written) and payload (append with <c>WritePayload</c> or
/// write in place as an <see cref="IBufferWriter{T}"/>). One instance per loop, reused for every
/// request: nothing here allocates once its buffers have grown to the working size. The engine
/// adds Observe, Block1, Block2 and Size2 itself, and slices a large payload into blocks.
/// </summary>
public sealed class CoapResponseBuilder : IBufferWriter<byte>
{
    private const int MaxOptions = 64;
    private readonly OptionEntry[] _options = new OptionEntry[MaxOptions];
    private byte[] _optionData = new byte[512];
    private int _optionDataLength;
    private byte[] _payload = new byte[1024];

    internal CoapResponseBuilder()
    {
    }

    internal struct OptionEntry
    {
        public ushort Number;
        public int Offset;
        public int Length;
        public int Sequence;
    }

    /// <summary>The response code; null until set.</summary>
    public CoapCode? Code { get; private set; }

    /// <summary>Number of options added.</summary>
    public int OptionCount { get; private set; }

    /// <summary>Payload bytes written so far.</summary>
    public int PayloadLength { get; private set; }

    /// <summary>The payload written so far.</summary>
    public ReadOnlySpan<byte> Payload => _payload.AsSpan(0, PayloadLength);

    internal bool IsDeferred { get; private set; }
    internal ObservableResource? ObservedResource { get; private set; }
    internal bool ObservationAccepted { get; private set; }
    internal CoapDeferredResponse? Deferred { get; private set; }
    private Internal.CoapPeer? _deferPeer;
    private CoapToken _deferToken;
    private bool _deferConfirmable;

    internal void AllowDefer(Internal.CoapPeer peer, CoapToken token, bool confirmable)
    {
        _deferPeer = peer;
        _deferToken = token;
        _deferConfirmable = confirmable;
    }

    /// <summary>Sets the response code.</summary>
    public CoapResponseBuilder SetCode(CoapCode code)
    {
        Code = code;
        return this;
    }

    /// <summary>Adds an opaque option.</summary>
    public CoapResponseBuilder AddOption(ushort number, ReadOnlySpan<byte> value)
    {
        if (OptionCount == MaxOptions)
        {
            throw new InvalidOperationException($"A response carries at most {MaxOptions} options.");
        }

        if (_optionDataLength + value.Length > _optionData.Length)
        {
            Array.Resize(ref _optionData, Math.Max(_optionData.Length * 2, _optionDataLength + value.Length));
        }

        value.CopyTo(_optionData.AsSpan(_optionDataLength));
        _options[OptionCount] = new OptionEntry { Number = number, Offset = _optionDataLength, Length = value.Length, Sequence = OptionCount };
        OptionCount++;
        _optionDataLength += value.Length;
        return this;
    }

    /// <summary>Adds a uint option in its shortest form.</summary>
    public CoapResponseBuilder AddOption(ushort number, uint value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        int length = value == 0 ? 0 : value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x1000000 ? 3 : 4;
        for (int i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)value;
            value >>= 8;
        }

        return AddOption(number, bytes[..length]);
    }

    /// <summary>Adds a string option (UTF-8).</summary>
    public CoapResponseBuilder AddOption(ushort number, ReadOnlySpan<char> value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Span<byte> bytes = max <= 256 ? stackalloc byte[256] : new byte[max];
        int n = Encoding.UTF8.GetBytes(value, bytes);
        return AddOption(number, bytes[..n]);
    }

    /// <summary>Sets the Content-Format option.</summary>
    public CoapResponseBuilder SetContentFormat(ushort contentFormat) => AddOption(CoapOptionNumber.ContentFormat, contentFormat);

    /// <summary>Appends payload bytes.</summary>
    public CoapResponseBuilder WritePayload(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Advance(bytes.Length);
        return this;
    }

    /// <summary>Appends UTF-8 text to the payload.</summary>
    public CoapResponseBuilder WritePayload(ReadOnlySpan<char> text)
    {
        var span = GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Advance(Encoding.UTF8.GetBytes(text, span));
        return this;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (PayloadLength + count > _payload.Length)
        {
            throw new InvalidOperationException("Advance past the end of the span given by GetSpan.");
        }

        PayloadLength += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _payload.AsMemory(PayloadLength);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _payload.AsSpan(PayloadLength);
    }

    /// <summary>
    /// Answers later: the engine sends an empty ACK now (for a CON) and the returned handle sends
    /// the response as a separate message (RFC 7252 §5.2.2) from any thread.
    /// </summary>
    public CoapDeferredResponse Defer()
    {
        if (_deferPeer is null)
        {
            throw new InvalidOperationException("This response cannot be deferred (notification refresh).");
        }

        IsDeferred = true;
        return Deferred ??= new CoapDeferredResponse(_deferPeer, _deferToken, _deferConfirmable);
    }

    /// <summary>
    /// Accepts the observation the request asked for (GET/FETCH with Observe = 0, RFC 7641 §4.1):
    /// the peer becomes an observer of <paramref name="resource"/> and the response carries an
    /// Observe option. Ignored when the request did not ask to observe or the response is not 2.xx.
    /// </summary>
    public CoapResponseBuilder AcceptObservation(ObservableResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ObservedResource = resource;
        ObservationAccepted = true;
        return this;
    }

    internal void Reset()
    {
        Code = null;
        OptionCount = 0;
        _optionDataLength = 0;
        PayloadLength = 0;
        IsDeferred = false;
        Deferred = null;
        _deferPeer = null;
        ObservedResource = null;
        ObservationAccepted = false;
    }

    internal void SortOptions()
    {
        // Insertion sort, stable by Sequence: a handful of options, already nearly ordered.
        for (int i = 1; i < OptionCount; i++)
        {
            var e = _options[i];
            int j = i - 1;
            while (j >= 0 && _options[j].Number > e.Number)
            {
                _options[j + 1] = _options[j];
                j--;
            }

            _options[j + 1] = e;
        }
    }

    internal ushort OptionNumberAt(int index) => _options[index].Number;

    internal ReadOnlySpan<byte> OptionValueAt(int index) => _optionData.AsSpan(_options[index].Offset, _options[index].Length);

    internal void RemoveOptions(ushort number)
    {
        int w = 0;
        for (int r = 0; r < OptionCount; r++)
        {
            if (_options[r].Number != number)
            {
                _options[w++] = _options[r];
            }
        }

        OptionCount = w;
    }

    private void Ensure(int sizeHint)
    {
        int needed = PayloadLength + Math.Max(sizeHint, 1);
        if (needed > _payload.Length)
        {
            Array.Resize(ref _payload, Math.Max(_payload.Length * 2, needed));
        }
    }
}
