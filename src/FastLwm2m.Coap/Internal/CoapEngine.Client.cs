namespace FastLwm2m.Coap.Internal;

/// <summary>Client role: requests we send, retransmission, NSTART, ACK/RST/response matching, block-wise.</summary>
internal sealed partial class CoapEngine
{
    /// <summary>Starts a request to a peer this engine owns. Call with the gate held.</summary>
    internal OutgoingExchange StartRequest(CoapPeer peer, CoapMessage request, CoapObservation? observation)
    {
        if (request.Token.Length == 0)
        {
            request.Token = NewToken(peer);
        }

        var ex = new OutgoingExchange(peer, request, ExchangeKind.Request) { Original = request, Observation = observation };
        int blockSize = 16 << _preferredSzx;
        if (request.Payload.Length > blockSize && request.GetUInt32(CoapOptionNumber.Block1) is null)
        {
            // RFC 7959 §2.5: a body larger than a block goes as Block1 blocks.
            ex.Block1Active = true;
            ex.Block1Szx = _preferredSzx;
            ex.Message = BuildBlock1Request(request, 0, _preferredSzx);
        }

        Enqueue(ex);
        return ex;
    }

    internal Task<CoapResult> SendSeparateResponse(CoapPeer peer, CoapMessage response)
    {
        lock (Gate)
        {
            if (peer.Removed)
            {
                return Task.FromResult(new CoapResult(CoapResultStatus.Cancelled, null));
            }

            var ex = new OutgoingExchange(peer, response, ExchangeKind.SeparateResponse);
            Enqueue(ex);
            return ex.Completion.Task;
        }
    }

    internal void CancelExchange(OutgoingExchange ex)
    {
        lock (Gate)
        {
            if (ex.State != ExchangeState.Done)
            {
                Complete(ex, new CoapResult(CoapResultStatus.Cancelled, null));
            }
        }
    }

    private CoapToken NewToken(CoapPeer peer)
    {
        // §5.3.1: random 8-byte tokens, unique among the peer's open exchanges and observations.
        while (true)
        {
            var token = CoapToken.FromUInt64((ulong)Random.Shared.NextInt64(), CoapToken.MaxLength);
            if ((peer.ByToken is null || !peer.ByToken.ContainsKey(token))
                && (peer.Observations is null || !peer.Observations.ContainsKey(token)))
            {
                return token;
            }
        }
    }

    private void Enqueue(OutgoingExchange ex)
    {
        var peer = ex.Peer;
        if (ex.Message.Type == CoapMessageType.Confirmable && peer.InFlight >= _options.NStart)
        {
            // §4.7 NSTART: wait behind the outstanding interaction.
            peer.Pending ??= new Queue<OutgoingExchange>();
            if (peer.Pending.Count >= _options.MaxQueuedRequestsPerPeer)
            {
                Complete(ex, new CoapResult(CoapResultStatus.Rejected, null));
                return;
            }

            ex.State = ExchangeState.Queued;
            peer.Pending.Enqueue(ex);
            return;
        }

        Transmit(ex);
    }

    private void Transmit(OutgoingExchange ex)
    {
        var peer = ex.Peer;
        var message = ex.Message;
        message.MessageId = peer.NextMessageId();
        int max = message.MaxEncodedSize();
        if (ex.Encoded.Length < max)
        {
            ex.Encoded = new byte[max];
        }

        ex.EncodedLength = message.WriteTo(ex.Encoded);
        if (ex.EncodedLength < 0)
        {
            Complete(ex, new CoapResult(CoapResultStatus.Rejected, null));
            return;
        }

        if (ex.Kind == ExchangeKind.Request && !ex.RegisteredByToken)
        {
            peer.ByToken ??= new Dictionary<CoapToken, OutgoingExchange>();
            peer.ByToken[message.Token] = ex;
            ex.RegisteredByToken = true;
        }

        if (message.Type == CoapMessageType.Confirmable)
        {
            peer.ByMessageId ??= new Dictionary<ushort, OutgoingExchange>();
            peer.ByMessageId[message.MessageId] = ex;
            ex.State = ExchangeState.WaitingAck;
            ex.CountsInFlight = true;
            peer.InFlight++;
            ex.RetransmitCount = 0;

            // §4.2: initial timeout random between ACK_TIMEOUT and ACK_TIMEOUT * ACK_RANDOM_FACTOR.
            ex.CurrentTimeout = (long)(_ackTimeout * (1 + (Random.Shared.NextDouble() * (_options.AckRandomFactor - 1))));
            _loop.Timers.Schedule(ex, ex.CurrentTimeout);
        }
        else if (ex.Kind == ExchangeKind.Request)
        {
            ex.State = ExchangeState.WaitingResponse;
            _loop.Timers.Schedule(ex, _responseTimeout);
        }

        _loop.Sink.Send(ex.Encoded.AsSpan(0, ex.EncodedLength), peer.Address);

        if (message.Type != CoapMessageType.Confirmable && ex.Kind != ExchangeKind.Request)
        {
            Complete(ex, new CoapResult(CoapResultStatus.Response, null));
        }
    }

    internal void OnExchangeTimer(OutgoingExchange ex)
    {
        if (ex.State == ExchangeState.WaitingAck && ex.RetransmitCount < _options.MaxRetransmit)
        {
            // §4.2: retransmit, doubling the timeout.
            ex.RetransmitCount++;
            ex.CurrentTimeout *= 2;
            Retransmissions++;
            _loop.Timers.Schedule(ex, ex.CurrentTimeout);
            _loop.Sink.Send(ex.Encoded.AsSpan(0, ex.EncodedLength), ex.Peer.Address);
            return;
        }

        if (ex.State is ExchangeState.WaitingAck or ExchangeState.WaitingResponse)
        {
            Timeouts++;
            if (ex.Relation is { } relation)
            {
                // RFC 7641 §4.5: a CON notification that times out ends the observation.
                RemoveRelation(relation);
            }

            Complete(ex, new CoapResult(CoapResultStatus.Timeout, null));
        }
    }

    private void HandleAck(CoapPeer peer, in CoapMessageReader ack)
    {
        if (peer.ByMessageId is null || !peer.ByMessageId.Remove(ack.MessageId, out var ex))
        {
            _loop.Counters.CountDropped(); // late or unknown ACK
            return;
        }

        _loop.Timers.Cancel(ex);
        ReleaseInFlight(ex);

        switch (ex.Kind)
        {
            case ExchangeKind.SeparateResponse:
                Complete(ex, new CoapResult(CoapResultStatus.Response, null));
                return;
            case ExchangeKind.Notification:
                Complete(ex, new CoapResult(CoapResultStatus.Response, null));
                OnNotificationAcknowledged(ex);
                return;
        }

        if (ack.Code.IsEmpty)
        {
            // §5.2.2: the response will come separately.
            ex.State = ExchangeState.WaitingResponse;
            _loop.Timers.Schedule(ex, _responseTimeout);
            return;
        }

        if (!ex.Message.Token.Equals(ack.Token))
        {
            // A piggybacked response must carry the request's token (§5.3.2).
            Complete(ex, new CoapResult(CoapResultStatus.Rejected, null));
            return;
        }

        OnResponse(ex, ack);
    }

    private void HandleReset(CoapPeer peer, in CoapMessageReader reset)
    {
        ResetsReceived++;
        if (peer.ByMessageId is not null && peer.ByMessageId.Remove(reset.MessageId, out var ex))
        {
            _loop.Timers.Cancel(ex);
            ReleaseInFlight(ex);
            if (ex.Relation is { } relation)
            {
                RemoveRelation(relation);
            }

            Complete(ex, new CoapResult(CoapResultStatus.Reset, null));
            return;
        }

        // RFC 7641 §3.6: RST to a NON notification ends that observation.
        if (peer.Relations is { } relations)
        {
            for (int i = relations.Count - 1; i >= 0; i--)
            {
                if (relations[i].LastMessageId == reset.MessageId)
                {
                    RemoveRelation(relations[i]);
                    return;
                }
            }
        }
    }

    /// <summary>A CON or NON message carrying a response: a separate response or a notification.</summary>
    private void HandleSeparateResponse(CoapPeer peer, in CoapMessageReader response)
    {
        bool confirmable = response.Type == CoapMessageType.Confirmable;
        var token = new CoapToken(response.Token);

        if (peer.ByToken is not null && peer.ByToken.TryGetValue(token, out var ex)
            && ex.State is ExchangeState.WaitingAck or ExchangeState.WaitingResponse)
        {
            if (confirmable)
            {
                SendEmptyAck(peer, response.MessageId, remember: true);
            }

            if (ex.State == ExchangeState.WaitingAck)
            {
                // The response overtook (or replaced a lost) empty ACK.
                peer.ByMessageId?.Remove(ex.Message.MessageId);
                _loop.Timers.Cancel(ex);
                ReleaseInFlight(ex);
            }

            OnResponse(ex, response);
            return;
        }

        if (peer.Observations is not null && peer.Observations.TryGetValue(token, out var observation))
        {
            _currentDeferral = null;
            bool accepted = DeliverNotification(observation, response);
            var deferral = _currentDeferral;
            _currentDeferral = null;
            if (deferral is not null && confirmable)
            {
                // The application acknowledges later (CoapAcknowledgement.Acknowledge); until then a
                // retransmission of this CON is dropped, not delivered again.
                int slot = peer.Dedup.Find(response.MessageId, Now, _dedupLifetime);
                if (slot < 0)
                {
                    slot = AddDedup(peer, response.MessageId);
                }

                peer.Dedup[slot].Pending = true;
            }
            else if (confirmable && accepted)
            {
                SendEmptyAck(peer, response.MessageId, remember: true);
            }

            return;
        }

        // Nobody waits for it (§5.3.2, RFC 7641 §3.6).
        SendReset(peer.Address, response.MessageId);
    }

    private void OnResponse(OutgoingExchange ex, in CoapMessageReader response)
    {
        var original = ex.Original ?? ex.Message;

        if (ex.Block1Active)
        {
            if (response.Code == CoapCode.Continue
                && response.TryGetUInt32(CoapOptionNumber.Block1, out uint b1Value)
                && BlockOption.TryDecode(b1Value, out var b1))
            {
                // §2.5: next block; the server may ask for a smaller size.
                long nextOffset = (long)(ex.Block1Number + 1) * (16 << ex.Block1Szx);
                int szx = Math.Min(b1.Szx, ex.Block1Szx);
                if (nextOffset >= original.Payload.Length || nextOffset % (16 << szx) != 0)
                {
                    Complete(ex, new CoapResult(CoapResultStatus.BlockTransferFailed, CoapMessage.From(response)));
                    return;
                }

                ex.Block1Szx = szx;
                ex.Block1Number = (uint)(nextOffset / (16 << szx));
                ex.Message = BuildBlock1Request(original, ex.Block1Number, szx);
                ex.State = ExchangeState.Queued;
                Enqueue(ex);
                return;
            }

            ex.Block1Active = false;
        }

        if (response.Code.IsSuccess
            && response.TryGetUInt32(CoapOptionNumber.Block2, out uint b2Value)
            && BlockOption.TryDecode(b2Value, out var b2)
            && (b2.More || b2.Number > 0))
        {
            // RFC 7959 §2.4: collect the representation block by block.
            ex.Block2Body ??= new MemoryStream();
            if (b2.Offset != ex.Block2Body.Length || ex.Block2Body.Length + response.Payload.Length > _options.MaxBodyBytes)
            {
                Complete(ex, new CoapResult(CoapResultStatus.BlockTransferFailed, CoapMessage.From(response)));
                return;
            }

            ex.Block2Body.Write(response.Payload);
            if (b2.More)
            {
                if (ex.Observation is not null && ex.Message.Observe is not null)
                {
                    // The first block of an observe registration establishes the observation.
                    OnObserveResponse(ex, response);
                }

                var next = CloneForBlock(original);
                next.RemoveOption(CoapOptionNumber.Observe);
                next.AddOption(CoapOptionNumber.Block2, new BlockOption(b2.Number + 1, false, b2.Szx).Encode());
                ex.Message = next;
                ex.State = ExchangeState.Queued;
                Enqueue(ex);
                return;
            }

            var whole = CoapMessage.From(response);
            whole.Payload = ex.Block2Body.ToArray();
            whole.RemoveOption(CoapOptionNumber.Block2);
            CompleteWithResponse(ex, whole, response);
            return;
        }

        CompleteWithResponse(ex, CoapMessage.From(response), response);
    }

    private void CompleteWithResponse(OutgoingExchange ex, CoapMessage message, in CoapMessageReader response)
    {
        if (ex.Observation is not null && !ex.Observation.Active && ex.Block2Body is null)
        {
            OnObserveResponse(ex, response);
        }

        Complete(ex, new CoapResult(CoapResultStatus.Response, message));
    }

    /// <summary>
    /// A copy of a request's options (without Block1/Block2/Size1) for a follow-up request: the next
    /// Block2, an observation's re-registration or cancellation. A FETCH keeps its body too: it is
    /// part of what the request asks for (RFC 8132 §2; RFC 7641 §3.6 repeats the registration).
    /// </summary>
    private static CoapMessage CloneForBlock(CoapMessage original)
    {
        var m = new CoapMessage(original.Code, original.Type) { Token = original.Token };
        if (original.Code == CoapCode.Fetch)
        {
            m.Payload = original.Payload;
        }

        foreach (var option in original.Options)
        {
            if (option.Number is not (CoapOptionNumber.Block1 or CoapOptionNumber.Block2 or CoapOptionNumber.Size1))
            {
                m.AddOption(option.Number, option.Value);
            }
        }

        return m;
    }

    private static CoapMessage BuildBlock1Request(CoapMessage original, uint number, int szx)
    {
        int size = 16 << szx;
        long offset = (long)number * size;
        int take = (int)Math.Min(size, original.Payload.Length - offset);
        bool more = offset + take < original.Payload.Length;
        var m = CloneForBlock(original);
        m.AddOption(CoapOptionNumber.Block1, new BlockOption(number, more, szx).Encode());
        if (number == 0)
        {
            m.AddOption(CoapOptionNumber.Size1, (uint)original.Payload.Length);
        }

        m.Payload = original.Payload.Slice((int)offset, take);
        return m;
    }

    private void ReleaseInFlight(OutgoingExchange ex)
    {
        if (!ex.CountsInFlight)
        {
            return;
        }

        ex.CountsInFlight = false;
        var peer = ex.Peer;
        peer.InFlight--;
        while (peer.InFlight < _options.NStart && peer.Pending is { Count: > 0 })
        {
            var next = peer.Pending.Dequeue();
            if (next.State == ExchangeState.Queued)
            {
                Transmit(next);
            }
        }
    }

    private void Complete(OutgoingExchange ex, CoapResult result)
    {
        if (ex.State == ExchangeState.Done)
        {
            return;
        }

        var peer = ex.Peer;
        _loop.Timers.Cancel(ex);
        if (peer.ByMessageId is not null && peer.ByMessageId.TryGetValue(ex.Message.MessageId, out var byMid) && byMid == ex)
        {
            peer.ByMessageId.Remove(ex.Message.MessageId);
        }

        if (ex.RegisteredByToken && peer.ByToken is not null && peer.ByToken.TryGetValue(ex.Message.Token, out var byToken) && byToken == ex)
        {
            peer.ByToken.Remove(ex.Message.Token);
        }

        ex.State = ExchangeState.Done;
        ReleaseInFlight(ex);
        ex.CancellationRegistration.Unregister();
        ex.Completion.TrySetResult(result);
        if (ex.Observation is { } observation && !observation.Registered.Task.IsCompleted)
        {
            observation.InitialResult = result;
            observation.Registered.TrySetResult(observation);
        }
    }
}
