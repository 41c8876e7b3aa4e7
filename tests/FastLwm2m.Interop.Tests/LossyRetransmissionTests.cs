using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Transport;

namespace FastLwm2m.Interop.Tests;

/// <summary>
/// The message layer over real UDP with a hand-driven peer that loses or repeats messages
/// (RFC 7252 §4.2 retransmission, §4.5 deduplication).
/// </summary>
public sealed class LossyRetransmissionTests
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ConfirmableRequest_WhoseFirstTransmissionGoesUnanswered_IsRetransmittedAndCompletesWithTheResponse()
    {
        // Given our endpoint and a peer that will not answer the first transmission
        using var peer = new RawUdpPeer();
        await using var endpoint = StartEndpoint(o => o.AckTimeout = AckTimeout);
        var firstArrival = peer.ReceiveAsync(WaitTimeout); // listening before anything is sent

        // When the endpoint sends a CON request
        var pending = endpoint.SendAsync(CoapMessage.Request(CoapCode.Get, "sensor/temperature"), peer.EndPoint);
        var first = await firstArrival;

        // Then the same message comes again, no sooner than ACK_TIMEOUT later
        var second = await peer.ReceiveAsync(WaitTimeout);
        Assert.Equal(first.Message.MessageId, second.Message.MessageId);
        Assert.Equal(first.Message.Token, second.Message.Token);
        Assert.Equal(first.Bytes, second.Bytes);
        Assert.Equal(CoapMessageType.Confirmable, second.Message.Type);
        var gap = second.ArrivedAfter(first);
        Assert.True(gap >= AckTimeout, $"Retransmitted {gap.TotalMilliseconds} ms after the first transmission, sooner than ACK_TIMEOUT ({AckTimeout.TotalMilliseconds} ms).");

        // And when the peer answers it with a piggybacked 2.05, the request completes with it
        var ack = new CoapMessage(CoapCode.Content, CoapMessageType.Acknowledgement)
        {
            MessageId = second.Message.MessageId,
            Token = second.Message.Token,
            Payload = "21.5"u8.ToArray(),
        };
        ack.ContentFormat = CoapContentFormat.TextPlain;
        await peer.SendAsync(ack, second.From);

        var result = await pending.WaitAsync(WaitTimeout);
        Assert.Equal(CoapResultStatus.Response, result.Status);
        Assert.Equal(CoapCode.Content, result.Response!.Code);
        Assert.Equal("21.5", result.Response.PayloadText);
        var counters = endpoint.GetCounters();
        Assert.Equal(1, counters.Retransmissions);
        Assert.Equal(0, counters.Timeouts);
    }

    [Fact]
    public async Task ConfirmableRequest_NeverAnswered_IsSentMaxRetransmitPlusOneTimes_ThenTimesOut()
    {
        using var peer = new RawUdpPeer();
        await using var endpoint = StartEndpoint(o =>
        {
            o.AckTimeout = TimeSpan.FromMilliseconds(100);
            o.MaxRetransmit = 2;
        });
        var firstArrival = peer.ReceiveAsync(WaitTimeout);

        var pending = endpoint.SendAsync(CoapMessage.Request(CoapCode.Get, "silent"), peer.EndPoint);

        // 100-150 ms, then 200-300 ms, then 400-600 ms more (§4.2: the timeout doubles).
        var transmissions = new List<ReceivedDatagram> { await firstArrival };
        transmissions.Add(await peer.ReceiveAsync(WaitTimeout));
        transmissions.Add(await peer.ReceiveAsync(WaitTimeout));
        var result = await pending.WaitAsync(WaitTimeout);

        Assert.All(transmissions, t => Assert.Equal(transmissions[0].Bytes, t.Bytes));
        var secondGap = transmissions[2].ArrivedAfter(transmissions[1]);
        Assert.True(secondGap >= TimeSpan.FromMilliseconds(200), $"Second retransmission {secondGap.TotalMilliseconds} ms after the first retransmission (first gap {transmissions[1].ArrivedAfter(transmissions[0]).TotalMilliseconds} ms); §4.2 doubles the timeout.");
        Assert.Equal(CoapResultStatus.Timeout, result.Status);
        var counters = endpoint.GetCounters();
        Assert.Equal(2, counters.Retransmissions);
        Assert.Equal(1, counters.Timeouts);
    }

    [Fact]
    public async Task DuplicateConfirmableRequest_OverRealUdp_RunsTheHandlerOnce_AndGetsAByteIdenticalReply()
    {
        // Given a server whose handler counts its calls
        int calls = 0;
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("counter", (in CoapRequestContext _, CoapResponseBuilder response) => response
                .SetCode(CoapCode.Changed)
                .WritePayload($"call {Interlocked.Increment(ref calls)}"));
        using var peer = new RawUdpPeer();
        var serverEndPoint = new IPEndPoint(IPAddress.Loopback, server.Port);
        var request = CoapMessage.Request(CoapCode.Post, "counter");
        request.MessageId = 0x1234;
        request.Token = new CoapToken([0xCA, 0xFE]);
        request.Payload = "increment"u8.ToArray();
        byte[] datagram = request.ToArray();

        // When a peer sends a CON request, and sends it again as if the reply had been lost
        await peer.SendAsync(datagram, serverEndPoint);
        var firstReply = await peer.ReceiveAsync(WaitTimeout);
        await peer.SendAsync(datagram, serverEndPoint);
        var secondReply = await peer.ReceiveAsync(WaitTimeout);

        // Then the handler ran once and both replies are the same bytes (§4.5)
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.Equal(firstReply.Bytes, secondReply.Bytes);
        var reply = firstReply.Message;
        Assert.Equal(CoapMessageType.Acknowledgement, reply.Type);
        Assert.Equal((ushort)0x1234, reply.MessageId);
        Assert.Equal(request.Token, reply.Token);
        Assert.Equal(CoapCode.Changed, reply.Code);
        Assert.Equal("call 1", reply.PayloadText);
        var counters = server.Endpoint.GetCounters();
        Assert.Equal(1, counters.RequestsReceived);
        Assert.Equal(1, counters.DuplicatesReceived);
    }

    [Fact]
    public async Task SeparateResponse_RetransmittedBecauseOurAckWasLost_IsAcknowledgedAgain_AndDeliveredOnce()
    {
        // Given a peer that answers our request with an empty ACK and, later, a CON 2.05
        using var peer = new RawUdpPeer();
        await using var endpoint = StartEndpoint(o => o.AckTimeout = AckTimeout);
        var requestArrival = peer.ReceiveAsync(WaitTimeout);
        var pending = endpoint.SendAsync(CoapMessage.Request(CoapCode.Get, "slow"), peer.EndPoint);
        var request = await requestArrival;
        await peer.SendAsync(new CoapMessage(CoapCode.Empty, CoapMessageType.Acknowledgement) { MessageId = request.Message.MessageId }, request.From);

        var response = new CoapMessage(CoapCode.Content, CoapMessageType.Confirmable)
        {
            MessageId = 0x4000,
            Token = request.Message.Token,
            Payload = "done"u8.ToArray(),
        };
        await peer.SendAsync(response, request.From);
        var firstAck = await peer.ReceiveAsync(WaitTimeout);
        var result = await pending.WaitAsync(WaitTimeout);

        // When the peer sends the response again, as if our ACK had been lost
        await peer.SendAsync(response, request.From);
        var secondAck = await peer.ReceiveAsync(WaitTimeout);

        // Then both were acknowledged with an empty ACK of its message ID, and the request completed once
        Assert.Equal(firstAck.Bytes, secondAck.Bytes);
        Assert.Equal(CoapMessageType.Acknowledgement, firstAck.Message.Type);
        Assert.Equal(CoapCode.Empty, firstAck.Message.Code);
        Assert.Equal((ushort)0x4000, firstAck.Message.MessageId);
        Assert.Equal(CoapResultStatus.Response, result.Status);
        Assert.Equal("done", result.Response!.PayloadText);
        var counters = endpoint.GetCounters();
        Assert.Equal(1, counters.DuplicatesReceived);
        Assert.Equal(0, counters.ResetsSent);
    }

    private static CoapEndpoint StartEndpoint(Action<CoapEndpointOptions> configure)
    {
        var options = new CoapEndpointOptions
        {
            Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 2 },
        };
        configure(options);
        var endpoint = new CoapEndpoint(options);
        endpoint.Start();
        return endpoint;
    }
}
