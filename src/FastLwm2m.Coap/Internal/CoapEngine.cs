using System.Net;
using FastLwm2m.Transport;

namespace FastLwm2m.Coap.Internal;

/// <summary>
/// The CoAP message layer of one loop (RFC 7252 §4): deduplication, ACK/RST, retransmission,
/// NSTART, token matching, block-wise (RFC 7959) and observe (RFC 7641) on both sides. The
/// engine owns the peers created on its loop; all their state, the scratch buffers and the
/// response builder are used under <see cref="IEngineLoop.Gate"/>. Split by concern:
/// this file dispatches, <c>CoapEngine.Server.cs</c> answers requests,
/// <c>CoapEngine.Client.cs</c> sends requests and receives their responses,
/// <c>CoapEngine.Observe.cs</c> keeps both sides of observe.
/// </summary>
internal sealed partial class CoapEngine : IDatagramHandler
{
    private readonly CoapEndpoint _endpoint;
    private readonly IEngineLoop _loop;
    private readonly CoapEndpointOptions _options;
    private readonly ICoapRequestHandler _handler;
    private readonly CoapResponseBuilder _builder = new();
    private readonly long _dedupLifetime;
    private readonly long _responseTimeout;
    private readonly long _peerIdleTimeout;
    private readonly long _ackTimeout;
    private readonly int _preferredSzx;
    private byte[] _sendBuffer = new byte[2048];

    // Counters: incremented under the gate (or Interlocked where noted), read with Volatile.
    internal long RequestsReceived;
    internal long ResponsesSent;
    internal long DuplicatesReceived;
    internal long MalformedReceived;
    internal long ResetsSent;
    internal long ResetsReceived;
    internal long Retransmissions;
    internal long Timeouts;
    internal long NotificationsSent;
    internal long NotificationsReceived;
    internal long HandlerErrors;
    internal long DeduplicationEvictions;

    public CoapEngine(CoapEndpoint endpoint, IEngineLoop loop, CoapEndpointOptions options, ICoapRequestHandler handler)
    {
        _endpoint = endpoint;
        _loop = loop;
        _options = options;
        _handler = handler;
        _dedupLifetime = (long)options.DeduplicationLifetime.TotalMilliseconds;
        _responseTimeout = (long)options.ResponseTimeout.TotalMilliseconds;
        _peerIdleTimeout = (long)options.PeerIdleTimeout.TotalMilliseconds;
        _ackTimeout = (long)options.AckTimeout.TotalMilliseconds;
        _preferredSzx = BlockOption.SzxFromSize(options.PreferredBlockSize);
    }

    public Lock Gate => _loop.Gate;

    public IEngineLoop Loop => _loop;

    public long Now => _loop.NowMilliseconds;

    /// <inheritdoc />
    public void OnDatagram(UdpLoop loop, ReadOnlySpan<byte> datagram, SocketAddress remote) => Receive(datagram, remote);

    /// <summary>Entry point of every datagram received on this engine's loop (no lock held).</summary>
    public void Receive(ReadOnlySpan<byte> datagram, SocketAddress remote)
    {
        var status = CoapMessageReader.TryParse(datagram, out var message);
        if (status != CoapParseStatus.Ok)
        {
            Interlocked.Increment(ref MalformedReceived);
            _loop.Counters.CountMalformed();

            // §4.2/§4.3: a CON that cannot be processed is rejected with RST; other types are ignored.
            if (status is not (CoapParseStatus.TooShortForHeader or CoapParseStatus.UnsupportedVersion)
                && message.Type == CoapMessageType.Confirmable)
            {
                SendReset(remote, message.MessageId);
            }

            return;
        }

        for (int attempt = 0; attempt < 2; attempt++)
        {
            if (!_endpoint.Peers.TryGetValue(remote, out var peer))
            {
                // Only a request creates state; anything else from an unknown peer is answered
                // RST (a CON or NON response, §4.2/RFC 7641 §3.6) or ignored.
                if (!message.Code.IsRequest)
                {
                    if (message.Type is CoapMessageType.Confirmable or CoapMessageType.NonConfirmable)
                    {
                        SendReset(remote, message.MessageId);
                    }
                    else
                    {
                        _loop.Counters.CountDropped();
                    }

                    return;
                }

                peer = _endpoint.GetOrCreatePeer(remote, this);
            }

            var owner = peer.Engine;
            lock (owner.Gate)
            {
                if (peer.Removed)
                {
                    continue;
                }

                owner.Process(peer, message);
                return;
            }
        }
    }

    private void Process(CoapPeer peer, in CoapMessageReader message)
    {
        peer.LastActivity = Now;
        _endpoint.ReportPeerActivity(peer);
        switch (message.Type)
        {
            case CoapMessageType.Confirmable:
            case CoapMessageType.NonConfirmable:
                if (message.Code.IsEmpty)
                {
                    // §4.3: an empty CON is a "CoAP ping", answered with RST; an empty NON is ignored.
                    if (message.Type == CoapMessageType.Confirmable)
                    {
                        SendReset(peer.Address, message.MessageId);
                    }

                    return;
                }

                int duplicate = peer.Dedup.Find(message.MessageId, Now, _dedupLifetime);
                if (duplicate >= 0)
                {
                    ref var entry = ref peer.Dedup[duplicate];
                    if (entry.Pending)
                    {
                        // Its ACK waits for the application (e.g. a commit): the ACK will answer this copy too.
                        DuplicatesReceived++;
                        return;
                    }

                    if (entry.Acknowledged || !message.Code.IsResponse)
                    {
                        DuplicatesReceived++;
                        if (message.Type == CoapMessageType.Confirmable && entry.ResponseLength > 0)
                        {
                            // §4.5: the same response again, without running the handler.
                            _loop.Sink.Send(peer.Dedup.ResponseOf(duplicate), peer.Address);
                        }

                        return;
                    }
                }

                if (message.Code.IsRequest)
                {
                    HandleRequest(peer, message);
                }
                else if (message.Code.IsResponse)
                {
                    HandleSeparateResponse(peer, message);
                }
                else if (message.Type == CoapMessageType.Confirmable)
                {
                    SendReset(peer.Address, message.MessageId);
                }

                return;

            case CoapMessageType.Acknowledgement:
                HandleAck(peer, message);
                return;

            default:
                HandleReset(peer, message);
                return;
        }
    }

    internal void SendReset(SocketAddress remote, ushort messageId)
    {
        Span<byte> rst = stackalloc byte[4];
        CoapMessageWriter.WriteEmpty(rst, CoapMessageType.Reset, messageId);
        Interlocked.Increment(ref ResetsSent);
        _loop.Sink.Send(rst, remote);
    }

    private void SendEmptyAck(CoapPeer peer, ushort messageId, bool remember)
    {
        Span<byte> ack = stackalloc byte[4];
        CoapMessageWriter.WriteEmpty(ack, CoapMessageType.Acknowledgement, messageId);
        _loop.Sink.Send(ack, peer.Address);
        if (remember)
        {
            int slot = peer.Dedup.Find(messageId, Now, _dedupLifetime);
            if (slot < 0)
            {
                slot = AddDedup(peer, messageId);
            }

            peer.Dedup.StoreResponse(slot, ack);
        }
    }

    private int AddDedup(CoapPeer peer, ushort messageId)
    {
        int slot = peer.Dedup.Add(messageId, Now, _dedupLifetime, _options.DeduplicationCapacityPerPeer, out bool evicted);
        if (evicted)
        {
            DeduplicationEvictions++;
        }

        return slot;
    }

    internal void OnPeerIdleTimer(CoapPeer peer, long now)
    {
        long idleFor = now - peer.LastActivity;
        if (idleFor < _peerIdleTimeout || peer.HasState || peer.Dedup.HasLive(now, _dedupLifetime))
        {
            _loop.Timers.Schedule(peer.IdleTimer, Math.Max(_peerIdleTimeout - idleFor, _ackTimeout));
            return;
        }

        peer.Removed = true;
        _endpoint.RemovePeer(peer);
    }

    internal void StartPeer(CoapPeer peer)
    {
        peer.LastActivity = Now;
        _loop.Timers.Schedule(peer.IdleTimer, _peerIdleTimeout);
    }

    /// <summary>Ends everything of a peer (endpoint stopping).</summary>
    internal void Shutdown(CoapPeer peer)
    {
        foreach (var ex in peer.ByToken?.Values.ToArray() ?? [])
        {
            Complete(ex, new CoapResult(CoapResultStatus.Cancelled, null));
        }

        foreach (var ex in peer.ByMessageId?.Values.ToArray() ?? [])
        {
            Complete(ex, new CoapResult(CoapResultStatus.Cancelled, null));
        }

        while (peer.Pending is { Count: > 0 })
        {
            Complete(peer.Pending.Dequeue(), new CoapResult(CoapResultStatus.Cancelled, null));
        }

        _loop.Timers.Cancel(peer.IdleTimer);
        peer.Removed = true;
    }

    private Span<byte> SendBuffer(int atLeast)
    {
        if (_sendBuffer.Length < atLeast)
        {
            _sendBuffer = new byte[Math.Max(_sendBuffer.Length * 2, atLeast)];
        }

        return _sendBuffer;
    }
}
