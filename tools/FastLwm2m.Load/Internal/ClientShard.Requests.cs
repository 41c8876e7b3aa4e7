using System.Buffers.Binary;
using FastLwm2m.Coap;

namespace FastLwm2m.Load.Internal;

/// <summary>The messages a simulated client writes, and the registration location it keeps.</summary>
internal sealed partial class ClientShard
{
    /// <summary>
    /// Bytes per client in the location arena: a total length, then each Location-Path segment
    /// as a length byte and its bytes ("rd" and a server-chosen id fit many times over).
    /// </summary>
    private const int LocationSlotBytes = 64;

    private const int TokenLength = sizeof(uint);

    private readonly byte[] _locations;

    // Token and endpoint-name bytes; heap rather than stack because the writer's span outlives a stackalloc's scope.
    private readonly byte[] _tokenScratch = new byte[TokenLength];
    private readonly byte[] _queryScratch = new byte[128];

    private static bool TokenMatches(ReadOnlySpan<byte> token, uint expected) =>
        token.Length == TokenLength && BinaryPrimitives.ReadUInt32BigEndian(token) == expected;

    /// <summary>Writes the client's request in flight (first transmission or retransmission) into the send batch.</summary>
    private void WriteRequest(int client, ref LoadClient c)
    {
        byte[] token = _tokenScratch;
        BinaryPrimitives.WriteUInt32BigEndian(token, c.Token);
        var writer = new CoapMessageWriter(_transport.BeginSend(client));
        switch (c.Pending)
        {
            case RequestKind.Register:
                // OMA LwM2M 1.1 §6.2.1 / Transport §6.4.1: POST /rd?ep={name}&lt={s}&lwm2m=1.1&b=U, link-format body.
                writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Post, c.MessageId, token);
                writer.WriteOption(CoapOptionNumber.UriPath, "rd"u8);
                writer.WriteOption(CoapOptionNumber.ContentFormat, (uint)CoapContentFormat.LinkFormat);
                writer.WriteOption(CoapOptionNumber.UriQuery, EndpointQuery(client));
                writer.WriteOption(CoapOptionNumber.UriQuery, _plan.LifetimeQuery);
                writer.WriteOption(CoapOptionNumber.UriQuery, "lwm2m=1.1"u8);
                writer.WriteOption(CoapOptionNumber.UriQuery, "b=U"u8);
                writer.WritePayload(_plan.ObjectLinks);
                break;

            case RequestKind.Update:
                // §6.2.2: POST to the location the Register answer gave, no parameters changed.
                writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Post, c.MessageId, token);
                WriteLocation(ref writer, client);
                break;

            default:
                // §6.2.3: DELETE the location.
                writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Delete, c.MessageId, token);
                WriteLocation(ref writer, client);
                break;
        }

        if (writer.HasOverflowed)
        {
            throw new InvalidOperationException($"A request did not fit in {ClientTransport.MaxRequestBytes} bytes; shorten the endpoint prefix or object links.");
        }

        _transport.CommitSend(writer.BytesWritten);
    }

    private ReadOnlySpan<byte> EndpointQuery(int client)
    {
        Span<byte> buffer = _queryScratch;
        ReadOnlySpan<byte> prefix = _plan.EndpointQueryPrefix;
        prefix.CopyTo(buffer);
        (_firstClient + client).TryFormat(buffer.Slice(prefix.Length), out int digits);
        return buffer.Slice(0, prefix.Length + digits);
    }

    private void WriteLocation(ref CoapMessageWriter writer, int client)
    {
        ReadOnlySpan<byte> slot = _locations.AsSpan(client * LocationSlotBytes, LocationSlotBytes);
        int end = 1 + slot[0];
        for (int offset = 1; offset < end;)
        {
            int length = slot[offset];
            writer.WriteOption(CoapOptionNumber.UriPath, slot.Slice(offset + 1, length));
            offset += 1 + length;
        }
    }

    /// <summary>Keeps the Location-Path of a 2.01 answer to Register; false if it has none or it does not fit.</summary>
    private bool StoreLocation(int client, in CoapMessageReader response)
    {
        Span<byte> slot = _locations.AsSpan(client * LocationSlotBytes, LocationSlotBytes);
        int written = 1;
        foreach (var option in response.Options)
        {
            if (option.Number < CoapOptionNumber.LocationPath)
            {
                continue;
            }

            if (option.Number > CoapOptionNumber.LocationPath)
            {
                break;
            }

            if (written + 1 + option.Value.Length > LocationSlotBytes)
            {
                return false;
            }

            slot[written] = (byte)option.Value.Length;
            option.Value.CopyTo(slot.Slice(written + 1));
            written += 1 + option.Value.Length;
        }

        slot[0] = (byte)(written - 1);
        return written > 1;
    }

    private void SendEmpty(int client, CoapMessageType type, ushort messageId)
    {
        int length = CoapMessageWriter.WriteEmpty(_transport.BeginSend(client), type, messageId);
        _transport.CommitSend(length);
    }

    private void SendNotFound(int client, in CoapMessageReader request)
    {
        var writer = new CoapMessageWriter(_transport.BeginSend(client));
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.NotFound, request.MessageId, request.Token);
        _transport.CommitSend(writer.BytesWritten);
    }
}
