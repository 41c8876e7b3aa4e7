namespace FastLwm2m.Coap.Internal;

/// <summary>
/// One observer of one <see cref="ObservableResource"/> (RFC 7641 §4.1): the peer, the token, and a
/// copy of its registration request, which the handler is run against for each notification.
/// Used under the owning engine's gate.
/// </summary>
internal sealed class ObserveRelation(CoapPeer peer, CoapToken token, byte[] request, ObservableResource resource)
{
    public readonly CoapPeer Peer = peer;
    public readonly CoapToken Token = token;
    public readonly byte[] Request = request;
    public readonly ObservableResource Resource = resource;

    /// <summary>Last Observe value sent (24 bits, §4.4).</summary>
    public uint Sequence;

    public long LastConfirmableAt;

    public ushort LastMessageId;

    public OutgoingExchange? InFlight;

    /// <summary>The resource changed while a CON notification was in flight: send again on ACK.</summary>
    public bool Dirty;

    public bool Removed;

    public uint NextSequence()
    {
        Sequence = (Sequence + 1) & 0xFFFFFF;
        return Sequence;
    }
}
