namespace FastLwm2m.Coap.Internal;

/// <summary>Observe (RFC 7641) on both sides: our observers' relations, and our observations of peers.</summary>
internal sealed partial class CoapEngine
{
    private const long FreshnessWindowMilliseconds = 128_000; // §3.4: 128 seconds
    private const uint HalfSequenceSpace = 1u << 23;           // §3.4: 2^23

    // ---- Observed side (we serve a resource, the peer observes it) ----

    private ObserveRelation AddRelation(CoapPeer peer, CoapToken token, in CoapMessageReader request, ObservableResource resource)
    {
        // §4.1: an entry is keyed by endpoint and token; a new registration replaces it.
        RemoveRelation(peer, token);
        var relation = new ObserveRelation(peer, token, request.Datagram.ToArray(), resource)
        {
            LastConfirmableAt = Now,
        };
        peer.Relations ??= new List<ObserveRelation>();
        peer.Relations.Add(relation);
        resource.Add(relation);
        return relation;
    }

    private void RemoveRelation(CoapPeer peer, CoapToken token)
    {
        if (peer.Relations is not { } relations)
        {
            return;
        }

        for (int i = relations.Count - 1; i >= 0; i--)
        {
            if (relations[i].Token == token)
            {
                RemoveRelation(relations[i]);
            }
        }
    }

    private void RemoveRelation(ObserveRelation relation)
    {
        if (relation.Removed)
        {
            return;
        }

        relation.Removed = true;
        relation.Peer.Relations?.Remove(relation);
        relation.Resource.Remove(relation);
        if (relation.InFlight is { } inFlight)
        {
            relation.InFlight = null;
            Complete(inFlight, new CoapResult(CoapResultStatus.Cancelled, null));
        }
    }

    /// <summary>The resource changed: send this observer a notification (any thread).</summary>
    internal void Notify(ObserveRelation relation)
    {
        lock (Gate)
        {
            if (relation.Removed)
            {
                return;
            }

            if (relation.InFlight is not null)
            {
                // §4.5.2: one CON notification at a time; the newest state follows its ACK.
                relation.Dirty = true;
                return;
            }

            SendNotification(relation);
        }
    }

    private void SendNotification(ObserveRelation relation)
    {
        var peer = relation.Peer;
        if (CoapMessageReader.TryParse(relation.Request, out var request) != CoapParseStatus.Ok)
        {
            RemoveRelation(relation);
            return;
        }

        var builder = _builder;
        builder.Reset();
        try
        {
            _handler.HandleRequest(new CoapRequestContext(request, request.Payload, peer, isNotificationRefresh: true), builder);
        }
        catch (Exception e)
        {
            HandlerErrors++;
            builder.Reset();
            _endpoint.ReportHandlerFailure(e);
        }

        var code = builder.Code ?? CoapCode.InternalServerError;
        if (builder.Code is null)
        {
            builder.SetCode(code);
        }

        long now = Now;
        bool confirmable = relation.Resource.Confirmable
            || now - relation.LastConfirmableAt >= (long)_options.NotificationConfirmableInterval.TotalMilliseconds;
        uint? sequence = code.IsSuccess ? relation.NextSequence() : null;
        ushort messageId = peer.NextMessageId();
        var type = confirmable ? CoapMessageType.Confirmable : CoapMessageType.NonConfirmable;
        if (code.IsSuccess)
        {
            // A notification larger than a block: the observer fetches the rest with GET Block2 (RFC 7959 §2.6).
            RememberForBlock2(peer, request, builder, null);
        }

        int length = WriteResponse(type, messageId, relation.Token, builder, builder.Payload, null, null, sequence);
        relation.LastMessageId = messageId;
        NotificationsSent++;

        if (!code.IsSuccess)
        {
            // §4.2: a non-2.xx notification ends the observation.
            RemoveRelation(relation);
            _loop.Sink.Send(_sendBuffer.AsSpan(0, length), peer.Address);
            return;
        }

        if (!confirmable)
        {
            _loop.Sink.Send(_sendBuffer.AsSpan(0, length), peer.Address);
            return;
        }

        relation.LastConfirmableAt = now;
        var message = CoapMessage.TryDecode(_sendBuffer.AsSpan(0, length))!;
        var ex = new OutgoingExchange(peer, message, ExchangeKind.Notification) { Relation = relation };
        relation.InFlight = ex;

        // The message ID is already in the encoded bytes: transmit without renumbering.
        ex.Encoded = _sendBuffer.AsSpan(0, length).ToArray();
        ex.EncodedLength = length;
        peer.ByMessageId ??= new Dictionary<ushort, OutgoingExchange>();
        peer.ByMessageId[messageId] = ex;
        ex.State = ExchangeState.WaitingAck;
        ex.CurrentTimeout = (long)(_ackTimeout * (1 + (Random.Shared.NextDouble() * (_options.AckRandomFactor - 1))));
        _loop.Timers.Schedule(ex, ex.CurrentTimeout);
        _loop.Sink.Send(ex.Encoded.AsSpan(0, length), peer.Address);
    }

    private void OnNotificationAcknowledged(OutgoingExchange ex)
    {
        var relation = ex.Relation!;
        if (relation.InFlight == ex)
        {
            relation.InFlight = null;
        }

        if (relation.Dirty && !relation.Removed)
        {
            relation.Dirty = false;
            SendNotification(relation);
        }
    }

    // ---- Observer side (we observe a peer's resource) ----

    private CoapAcknowledgement? _currentDeferral;

    /// <summary>Called from the notification callback (gate held): the ACK of this CON waits for the application.</summary>
    private CoapObservation? _deliveringObservation;
    private uint? _deliveringSequence;

    internal CoapAcknowledgement Defer(CoapPeer peer, ushort messageId, bool confirmable) =>
        _currentDeferral ??= new CoapAcknowledgement(this, peer, messageId, confirmable)
        {
            Observation = _deliveringObservation,
            PreviousSequence = _deliveringObservation?.LastSequence,
            PreviousTime = _deliveringObservation?.LastNotificationMilliseconds ?? 0,
            Sequence = _deliveringSequence,
        };

    /// <summary>Sends (or gives up) a deferred ACK; any thread.</summary>
    internal void CompleteDeferred(CoapPeer peer, ushort messageId, bool acknowledge, CoapAcknowledgement handle)
    {
        lock (Gate)
        {
            if (!acknowledge && handle.Observation is { } observation && observation.LastSequence == handle.Sequence)
            {
                // Not taken: the notification must count as new when the device sends it again.
                observation.LastSequence = handle.PreviousSequence;
                observation.LastNotificationMilliseconds = handle.PreviousTime;
            }

            int slot = peer.Dedup.Find(messageId, Now, _dedupLifetime);
            if (acknowledge)
            {
                SendEmptyAck(peer, messageId, remember: true);
            }
            else if (slot >= 0)
            {
                // Not taken after all: the next retransmission is processed again.
                peer.Dedup[slot].Pending = false;
            }
        }
    }

    private void OnObserveResponse(OutgoingExchange ex, in CoapMessageReader response)
    {
        var observation = ex.Observation!;
        var peer = ex.Peer;
        if (response.Code.IsSuccess && response.TryGetUInt32(CoapOptionNumber.Observe, out uint sequence))
        {
            observation.LastSequence = sequence;
            observation.LastNotificationMilliseconds = Now;
            observation.Active = true;
            peer.Observations ??= new Dictionary<CoapToken, CoapObservation>();
            peer.Observations[observation.Token] = observation;
        }
        else
        {
            // §3.1: no Observe option in the response: the resource is not observable.
            observation.Active = false;
            peer.Observations?.Remove(observation.Token);
        }
    }

    /// <summary>Delivers a notification if fresh (§3.4). Returns false if the handler refused it.</summary>
    private bool DeliverNotification(CoapObservation observation, in CoapMessageReader notification)
    {
        uint? sequence = notification.TryGetUInt32(CoapOptionNumber.Observe, out uint s) ? s & 0xFFFFFF : null;
        long now = Now;
        if (sequence is { } v2 && observation.LastSequence is { } v1 && !IsFresh(v1, v2, observation.LastNotificationMilliseconds, now))
        {
            return true; // stale or duplicate: acknowledge, do not deliver
        }

        if (notification.Code.IsSuccess
            && notification.TryGetUInt32(CoapOptionNumber.Block2, out uint b2Value)
            && BlockOption.TryDecode(b2Value, out var block2)
            && block2.More && block2.Number == 0)
        {
            FetchRestOfNotification(observation, notification, sequence, block2);
            return true;
        }

        NotificationsReceived++;
        bool accepted;
        try
        {
            _deliveringObservation = observation;
            _deliveringSequence = sequence;
            accepted = observation.Handler(observation, new CoapNotification(notification, sequence, notification.Payload, this, observation.PeerState));
        }
        catch (Exception e)
        {
            HandlerErrors++;
            accepted = true;
            _endpoint.ReportHandlerFailure(e);
        }
        finally
        {
            _deliveringObservation = null;
        }

        if (!accepted)
        {
            return false;
        }

        Interlocked.Increment(ref observation.NotificationCounter);
        if (sequence is { } v)
        {
            observation.LastSequence = v;
            observation.LastNotificationMilliseconds = now;
        }

        if (!notification.Code.IsSuccess || sequence is null)
        {
            // §3.2: a notification without Observe or with an error code ends the observation.
            observation.Active = false;
            observation.PeerState.Observations?.Remove(observation.Token);
        }

        return true;
    }

    /// <summary>
    /// A notification larger than one block carries only its first block: fetch the rest with GET
    /// (or FETCH) Block2 requests without Observe (RFC 7959 §2.6), then deliver it whole. The first
    /// block is acknowledged at once, so a refusal by the handler cannot be undone here.
    /// </summary>
    private void FetchRestOfNotification(CoapObservation observation, in CoapMessageReader first, uint? sequence, BlockOption block2)
    {
        if (sequence is { } v)
        {
            observation.LastSequence = v;
            observation.LastNotificationMilliseconds = Now;
        }

        var request = CloneForBlock(observation.Request);
        request.Token = default;
        request.RemoveOption(CoapOptionNumber.Observe);
        request.AddOption(CoapOptionNumber.Block2, new BlockOption(1, false, block2.Szx).Encode());
        var ex = StartRequest(observation.PeerState, request, null);
        ex.Block2Body ??= new MemoryStream();
        if (ex.Block2Body.Length == 0)
        {
            ex.Block2Body.Write(first.Payload);
        }

        ex.Completion.Task.ContinueWith(
            static (task, state) =>
            {
                var (engine, obs, seq) = ((CoapEngine, CoapObservation, uint?))state!;
                engine.DeliverAssembledNotification(obs, task.Result, seq);
            },
            (this, observation, sequence),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void DeliverAssembledNotification(CoapObservation observation, CoapResult result, uint? sequence)
    {
        if (!result.HasResponse || !observation.Active)
        {
            return;
        }

        var whole = result.Response!;
        whole.RemoveOption(CoapOptionNumber.Block2);
        whole.RemoveOption(CoapOptionNumber.Size2);
        whole.Observe = sequence;
        var bytes = whole.ToArray();
        lock (Gate)
        {
            if (CoapMessageReader.TryParse(bytes, out var reader) != CoapParseStatus.Ok)
            {
                return;
            }

            NotificationsReceived++;
            try
            {
                observation.Handler(observation, new CoapNotification(reader, sequence, reader.Payload));
                Interlocked.Increment(ref observation.NotificationCounter);
            }
            catch (Exception e)
            {
                HandlerErrors++;
                _endpoint.ReportHandlerFailure(e);
            }
        }
    }

    /// <summary>RFC 7641 §3.4: whether V2 (received at T2) is newer than V1 (received at T1).</summary>
    internal static bool IsFresh(uint v1, uint v2, long t1, long t2) =>
        (v1 < v2 && v2 - v1 < HalfSequenceSpace)
        || (v1 > v2 && v1 - v2 > HalfSequenceSpace)
        || t2 > t1 + FreshnessWindowMilliseconds;

    internal Task<CoapResult> CancelObservation(CoapObservation observation, bool proactive, CancellationToken cancellationToken)
    {
        OutgoingExchange? ex = null;
        lock (Gate)
        {
            observation.Active = false;
            var peer = observation.PeerState;
            if (peer.Observations is not null && peer.Observations.TryGetValue(observation.Token, out var current) && current == observation)
            {
                peer.Observations.Remove(observation.Token);
            }

            if (proactive && !peer.Removed)
            {
                // §3.6: GET with Observe = 1, same token and options.
                var cancel = CloneForBlock(observation.Request);
                cancel.Token = observation.Token;
                cancel.Observe = 1;
                ex = StartRequest(peer, cancel, null);
            }
        }

        if (ex is null)
        {
            return Task.FromResult(new CoapResult(CoapResultStatus.Cancelled, null));
        }

        RegisterCancellation(ex, cancellationToken);
        return ex.Completion.Task;
    }

    internal Task<CoapResult> Reregister(CoapObservation observation, CancellationToken cancellationToken)
    {
        OutgoingExchange ex;
        lock (Gate)
        {
            var request = CloneForBlock(observation.Request);
            request.Token = observation.Token;
            request.Observe = 0;
            ex = StartRequest(observation.PeerState, request, observation);
        }

        RegisterCancellation(ex, cancellationToken);
        return ex.Completion.Task;
    }

    internal void RegisterCancellation(OutgoingExchange ex, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            ex.CancellationRegistration = cancellationToken.Register(static state =>
            {
                var e = (OutgoingExchange)state!;
                e.Peer.Engine.CancelExchange(e);
            }, ex);
        }
    }
}
