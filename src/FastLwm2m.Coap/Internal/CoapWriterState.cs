namespace FastLwm2m.Coap.Internal;

/// <summary>
/// The call-order rules shared by <see cref="CoapMessageWriter"/> and
/// <see cref="CoapBufferWriter{TBufferWriter}"/>: header once and first, options in
/// non-decreasing number order (§3.1 deltas are unsigned), nothing after the payload. Breaking
/// them is a bug in the caller, hence exceptions rather than a status.
/// </summary>
internal struct CoapWriterState
{
    private const byte Start = 0;
    private const byte Options = 1;
    private const byte Done = 2;

    private byte _phase;
    private ushort _lastOptionNumber;

    public void BeginHeader()
    {
        if (_phase != Start)
        {
            CoapThrowHelper.ThrowInvalidOperation("WriteHeader may be called only once, before anything else.");
        }

        _phase = Options;
    }

    /// <summary>Checks the order and returns the delta from the previous option.</summary>
    public int BeginOption(ushort number)
    {
        if (_phase != Options)
        {
            CoapThrowHelper.ThrowInvalidOperation(_phase == Start
                ? "WriteHeader must be called before WriteOption."
                : "An option cannot be written after the payload.");
        }

        if (number < _lastOptionNumber)
        {
            CoapThrowHelper.ThrowOptionOutOfOrder(number, _lastOptionNumber);
        }

        int delta = number - _lastOptionNumber;
        _lastOptionNumber = number;
        return delta;
    }

    public void BeginPayload()
    {
        if (_phase != Options)
        {
            CoapThrowHelper.ThrowInvalidOperation(_phase == Start
                ? "WriteHeader must be called before WritePayload."
                : "WritePayload may be called only once.");
        }

        _phase = Done;
    }
}
