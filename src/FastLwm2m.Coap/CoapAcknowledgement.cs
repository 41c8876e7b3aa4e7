using FastLwm2m.Coap.Internal;

namespace FastLwm2m.Coap;

/// <summary>
/// A deferred ACK of a confirmable notification (<see cref="CoapNotification.DeferAcknowledgement"/>).
/// Thread-safe; the first of <see cref="Acknowledge"/> and <see cref="Reject"/> wins. If neither is
/// called the device retransmits after its ACK timeout and the copy is dropped as a duplicate
/// until the deduplication lifetime passes — so call one of them.
/// </summary>
public sealed class CoapAcknowledgement
{
    private readonly CoapEngine? _engine;
    private readonly CoapPeer? _peer;
    private readonly ushort _messageId;
    private readonly bool _confirmable;
    private int _done;

    internal CoapAcknowledgement(CoapEngine? engine, CoapPeer? peer, ushort messageId, bool confirmable)
    {
        _engine = engine;
        _peer = peer;
        _messageId = messageId;
        _confirmable = confirmable;
    }

    // What the observation's freshness state was before this notification (restored on Reject).
    internal CoapObservation? Observation;
    internal uint? PreviousSequence;
    internal long PreviousTime;
    internal uint? Sequence;

    /// <summary>A handle that does nothing (a NON notification has no ACK).</summary>
    public static CoapAcknowledgement None { get; } = new(null, null, 0, false);

    /// <summary>Whether it was acknowledged or rejected already.</summary>
    public bool IsCompleted => Volatile.Read(ref _done) != 0;

    /// <summary>Sends the ACK now.</summary>
    public void Acknowledge() => Complete(acknowledge: true);

    /// <summary>Gives up: no ACK; the device's next retransmission is delivered again.</summary>
    public void Reject() => Complete(acknowledge: false);

    private void Complete(bool acknowledge)
    {
        if (Interlocked.Exchange(ref _done, 1) != 0 || !_confirmable || _engine is null || _peer is null)
        {
            return;
        }

        _engine.CompleteDeferred(_peer, _messageId, acknowledge, this);
    }
}
