using System.Text;

namespace FastLwm2m.Coap.Internal;

/// <summary>Server role: requests that arrive, their responses, Block1 reassembly, Block2 slicing.</summary>
internal sealed partial class CoapEngine
{
    private void HandleRequest(CoapPeer peer, in CoapMessageReader request)
    {
        RequestsReceived++;
        bool confirmable = request.Type == CoapMessageType.Confirmable;
        int dedupSlot = AddDedup(peer, request.MessageId);
        var token = new CoapToken(request.Token);

        // §5.8: methods this engine does not know are answered 4.05.
        if (request.Code.Value > CoapCode.IPatch.Value)
        {
            RespondWithCode(peer, request, dedupSlot, CoapCode.MethodNotAllowed);
            return;
        }

        // §5.4.1: an unrecognized critical option in a CON request is answered 4.02; a NON is rejected (RST).
        if (request.FindUnrecognizedCriticalOption() != 0)
        {
            if (confirmable)
            {
                RespondWithCode(peer, request, dedupSlot, CoapCode.BadOption);
            }
            else
            {
                SendReset(peer.Address, request.MessageId);
            }

            return;
        }

        ReadOnlySpan<byte> body = request.Payload;
        BlockOption block1 = default;
        bool hasBlock1 = false;
        Block1Assembly? assembly = null;
        if (request.TryGetUInt32(CoapOptionNumber.Block1, out uint block1Value))
        {
            if (!BlockOption.TryDecode(block1Value, out block1))
            {
                RespondWithCode(peer, request, dedupSlot, CoapCode.BadOption);
                return;
            }

            hasBlock1 = true;
            if (!ReceiveBlock1(peer, request, dedupSlot, block1, out assembly))
            {
                return; // answered 2.31, 4.08, 4.13 or 5.03
            }

            body = assembly!.Buffer.AsSpan(0, assembly.Length);
        }

        BlockOption block2 = default;
        bool hasBlock2 = request.TryGetUInt32(CoapOptionNumber.Block2, out uint block2Value);
        if (hasBlock2 && !BlockOption.TryDecode(block2Value, out block2))
        {
            RespondWithCode(peer, request, dedupSlot, CoapCode.BadOption);
            return;
        }

        // RFC 7641 §3.6: GET with Observe = 1 deregisters the (peer, token) observer.
        bool observeRequest = (request.Code == CoapCode.Get || request.Code == CoapCode.Fetch)
            && request.TryGetUInt32(CoapOptionNumber.Observe, out uint observeValue)
            && observeValue <= 1;
        bool register = observeRequest && request.TryGetUInt32(CoapOptionNumber.Observe, out observeValue) && observeValue == 0;
        if (observeRequest && !register)
        {
            RemoveRelation(peer, token);
        }

        var builder = _builder;
        if (hasBlock2 && block2.Number > 0 && peer.Block2Responses is { Count: > 0 } cached
            && cached.TryGetValue(BlockTransferKey(request), out var cache))
        {
            // A later block of a response we already built (RFC 7959 §2.4, §3.3).
            builder.Reset();
            builder.SetCode(cache.Code);
            foreach (var (number, value) in cache.Options)
            {
                builder.AddOption(number, value);
            }

            var cacheType = confirmable ? CoapMessageType.Acknowledgement : CoapMessageType.NonConfirmable;
            ushort cacheMid = confirmable ? request.MessageId : peer.NextMessageId();
            SendResponse(peer, dedupSlot, confirmable, WriteResponse(cacheType, cacheMid, token, builder, cache.Body, block2, null, null));
            return;
        }

        builder.Reset();
        builder.AllowDefer(peer, token, confirmable);
        bool failed = false;
        try
        {
            _handler.HandleRequest(new CoapRequestContext(request, body, peer, isNotificationRefresh: false), builder);
        }
        catch (Exception e)
        {
            failed = true;
            _endpoint.ReportHandlerFailure(e);
        }

        if (assembly is not null)
        {
            RemoveBlock1(assembly);
        }

        if (failed || (!builder.IsDeferred && builder.Code is null))
        {
            HandlerErrors++;
            builder.Reset();
            builder.SetCode(CoapCode.InternalServerError);
        }

        if (builder.IsDeferred)
        {
            // §5.2.2: acknowledge now, answer later in a separate response.
            if (confirmable)
            {
                SendEmptyAck(peer, request.MessageId, remember: true);
            }

            return;
        }

        uint? observeSequence = null;
        if (register && builder.ObservationAccepted && builder.Code!.Value.IsSuccess)
        {
            var relation = AddRelation(peer, token, request, builder.ObservedResource!);
            observeSequence = relation.NextSequence();
        }

        RememberForBlock2(peer, request, builder, hasBlock2 ? block2 : null);
        var type = confirmable ? CoapMessageType.Acknowledgement : CoapMessageType.NonConfirmable;
        ushort messageId = confirmable ? request.MessageId : peer.NextMessageId();
        int length = WriteResponse(type, messageId, token, builder, builder.Payload, hasBlock2 ? block2 : null, hasBlock1 ? block1 : null, observeSequence);
        SendResponse(peer, dedupSlot, confirmable, length);
    }

    /// <summary>Keeps a response that needs more than one block for the peer's next Block2 requests.</summary>
    internal void RememberForBlock2(CoapPeer peer, in CoapMessageReader request, CoapResponseBuilder builder, BlockOption? requestedBlock2)
    {
        var code = builder.Code ?? CoapCode.InternalServerError;
        int szx = requestedBlock2 is { } rb ? Math.Min(rb.Szx, _preferredSzx) : _preferredSzx;
        if (!code.IsSuccess || builder.PayloadLength <= (16 << szx))
        {
            return;
        }

        peer.Block2Responses ??= new Dictionary<string, Block2Cache>();
        string key = BlockTransferKey(request);
        if (peer.Block2Responses.TryGetValue(key, out var previous))
        {
            RemoveBlock2(previous);
        }
        else if (peer.Block2Responses.Count >= _options.MaxBlockTransfersPerPeer)
        {
            RemoveBlock2(peer.Block2Responses.Values.First());
        }

        var options = new List<(ushort, byte[])>(builder.OptionCount);
        for (int i = 0; i < builder.OptionCount; i++)
        {
            ushort number = builder.OptionNumberAt(i);
            if (number is not (CoapOptionNumber.Observe or CoapOptionNumber.Block1 or CoapOptionNumber.Block2 or CoapOptionNumber.Size2))
            {
                options.Add((number, builder.OptionValueAt(i).ToArray()));
            }
        }

        var cache = new Block2Cache(peer, key, code, options, builder.Payload.ToArray());
        peer.Block2Responses[key] = cache;
        _loop.Timers.Schedule(cache, _responseTimeout);
    }

    private void RemoveBlock2(Block2Cache cache)
    {
        _loop.Timers.Cancel(cache);
        if (cache.Peer.Block2Responses is { } responses && responses.TryGetValue(cache.Key, out var current) && current == cache)
        {
            responses.Remove(cache.Key);
        }
    }

    internal void OnBlock2CacheExpired(Block2Cache cache) => RemoveBlock2(cache);

    private void SendResponse(CoapPeer peer, int dedupSlot, bool remember, int length)
    {
        var bytes = _sendBuffer.AsSpan(0, length);
        _loop.Sink.Send(bytes, peer.Address);
        ResponsesSent++;
        if (remember)
        {
            peer.Dedup.StoreResponse(dedupSlot, bytes);
        }
    }

    private void RespondWithCode(CoapPeer peer, in CoapMessageReader request, int dedupSlot, CoapCode code, uint? size1 = null, BlockOption? block1 = null)
    {
        var builder = _builder;
        builder.Reset();
        builder.SetCode(code);
        if (size1 is { } s)
        {
            builder.AddOption(CoapOptionNumber.Size1, s);
        }

        bool confirmable = request.Type == CoapMessageType.Confirmable;
        var type = confirmable ? CoapMessageType.Acknowledgement : CoapMessageType.NonConfirmable;
        ushort messageId = confirmable ? request.MessageId : peer.NextMessageId();
        int length = WriteResponse(type, messageId, new CoapToken(request.Token), builder, builder.Payload, null, block1, null);
        SendResponse(peer, dedupSlot, confirmable, length);
    }

    /// <summary>
    /// Serializes the builder's response into the send buffer, adding Observe, Block1 (echo),
    /// Block2 and Size2 (RFC 7959 §2.2-2.4) and slicing the payload. Returns the length.
    /// </summary>
    private int WriteResponse(CoapMessageType type, ushort messageId, CoapToken token, CoapResponseBuilder builder, ReadOnlySpan<byte> payload,
        BlockOption? requestedBlock2, BlockOption? block1Echo, uint? observeSequence)
    {
        var code = builder.Code ?? CoapCode.InternalServerError;

        builder.RemoveOptions(CoapOptionNumber.Observe);
        builder.RemoveOptions(CoapOptionNumber.Block1);
        builder.RemoveOptions(CoapOptionNumber.Block2);
        builder.RemoveOptions(CoapOptionNumber.Size2);
        if (observeSequence is { } seq)
        {
            builder.AddOption(CoapOptionNumber.Observe, seq);
        }

        if (block1Echo is { } b1)
        {
            builder.AddOption(CoapOptionNumber.Block1, new BlockOption(b1.Number, b1.More, Math.Min(b1.Szx, _preferredSzx)).Encode());
        }

        // Block2: the peer's size if it asked for one (early negotiation, §2.4), else ours.
        int szx = requestedBlock2 is { } rb ? Math.Min(rb.Szx, _preferredSzx) : _preferredSzx;
        int blockSize = 16 << szx;
        if (requestedBlock2 is not null || payload.Length > blockSize)
        {
            uint number = 0;
            if (requestedBlock2 is { } requested)
            {
                // The peer numbered blocks in its own size; convert its offset to ours.
                number = (uint)(requested.Offset / blockSize);
            }

            long offset = (long)number * blockSize;
            if (code.IsSuccess && offset > 0 && offset >= payload.Length)
            {
                // A block beyond the end of the representation.
                builder.Reset();
                builder.SetCode(CoapCode.BadOption);
                return WriteResponse(type, messageId, token, builder, ReadOnlySpan<byte>.Empty, null, null, null);
            }

            int take = (int)Math.Min(blockSize, payload.Length - offset);
            bool more = offset + take < payload.Length;
            builder.AddOption(CoapOptionNumber.Block2, new BlockOption(number, more, szx).Encode());
            if (number == 0)
            {
                builder.AddOption(CoapOptionNumber.Size2, (uint)payload.Length);
            }

            payload = payload.Slice((int)offset, take);
        }

        builder.SortOptions();
        int estimate = 4 + CoapToken.MaxLength + 1 + payload.Length;
        for (int i = 0; i < builder.OptionCount; i++)
        {
            estimate += 5 + builder.OptionValueAt(i).Length;
        }

        var writer = new CoapMessageWriter(SendBuffer(estimate));
        writer.WriteHeader(type, code, messageId, token);
        for (int i = 0; i < builder.OptionCount; i++)
        {
            writer.WriteOption(builder.OptionNumberAt(i), builder.OptionValueAt(i));
        }

        writer.WritePayload(payload);
        return writer.BytesWritten;
    }

    /// <summary>
    /// Takes one Block1 block (RFC 7959 §2.5). Returns true with the assembly when the body is
    /// complete; otherwise it has answered (2.31 Continue, 4.08, 4.13 or 5.03) and returns false.
    /// </summary>
    private bool ReceiveBlock1(CoapPeer peer, in CoapMessageReader request, int dedupSlot, BlockOption block, out Block1Assembly? assembly)
    {
        string key = BlockTransferKey(request);
        peer.Block1Transfers ??= new Dictionary<string, Block1Assembly>();
        peer.Block1Transfers.TryGetValue(key, out assembly);

        if (request.TryGetUInt32(CoapOptionNumber.Size1, out uint announced) && announced > _options.MaxBodyBytes)
        {
            RespondWithCode(peer, request, dedupSlot, CoapCode.RequestEntityTooLarge, (uint)_options.MaxBodyBytes);
            return false;
        }

        if (block.Number == 0)
        {
            if (assembly is not null)
            {
                RemoveBlock1(assembly);
            }

            if (peer.Block1Transfers.Count >= _options.MaxBlockTransfersPerPeer)
            {
                assembly = null;
                RespondWithCode(peer, request, dedupSlot, CoapCode.ServiceUnavailable);
                return false;
            }

            assembly = new Block1Assembly(peer, key);
            peer.Block1Transfers[key] = assembly;
        }
        else if (assembly is null || block.Offset != assembly.Length)
        {
            // §2.5: a block that does not continue the body we hold.
            RespondWithCode(peer, request, dedupSlot, CoapCode.RequestEntityIncomplete);
            return false;
        }

        if ((long)assembly.Length + request.Payload.Length > _options.MaxBodyBytes)
        {
            RemoveBlock1(assembly);
            assembly = null;
            RespondWithCode(peer, request, dedupSlot, CoapCode.RequestEntityTooLarge, (uint)_options.MaxBodyBytes);
            return false;
        }

        assembly.Append(request.Payload);
        _loop.Timers.Schedule(assembly, _responseTimeout);

        if (block.More)
        {
            // §2.3: 2.31 Continue echoes the block; a smaller SZX asks the peer for smaller blocks.
            RespondWithCode(peer, request, dedupSlot, CoapCode.Continue, null, block);
            return false;
        }

        return true;
    }

    /// <summary>Identifies a block-wise transfer: method and request URI (Uri-Host/Port/Path/Query).</summary>
    private static string BlockTransferKey(in CoapMessageReader request)
    {
        var sb = new StringBuilder();
        sb.Append(request.Code.Value);
        foreach (var option in request.Options)
        {
            if (option.Number is CoapOptionNumber.UriPath or CoapOptionNumber.UriQuery or CoapOptionNumber.UriHost or CoapOptionNumber.UriPort)
            {
                sb.Append('|').Append(option.Number).Append(':').Append(Convert.ToHexString(option.Value));
            }
        }

        return sb.ToString();
    }

    private void RemoveBlock1(Block1Assembly assembly)
    {
        _loop.Timers.Cancel(assembly);
        if (assembly.Peer.Block1Transfers is { } transfers && transfers.TryGetValue(assembly.Key, out var current) && current == assembly)
        {
            transfers.Remove(assembly.Key);
        }
    }

    internal void OnBlock1Expired(Block1Assembly assembly) => RemoveBlock1(assembly);
}
