using System.Text;

namespace FastLwm2m.Coap.Tests.MessageLayer;

/// <summary>RFC 7252 §4: retransmission, deduplication, NSTART, ACK/RST, separate responses.</summary>
public class MessageLayerTests
{
    private static byte[] Con(CoapCode code, ushort mid, string path, byte[]? token = null, byte[]? payload = null)
    {
        var m = CoapMessage.Request(code, path);
        m.MessageId = mid;
        m.Token = new CoapToken(token ?? [0xA1, 0xB2]);
        if (payload is not null)
        {
            m.Payload = payload;
        }

        return m.ToArray();
    }

    [Fact]
    public void ConfirmableRequest_NoAck_IsRetransmittedWithExponentialBackoffThenTimesOut()
    {
        var net = new FakeNetwork();
        var (client, clientAddress) = net.AddEndpoint();
        var silent = net.RawPeer(6000);

        var task = client.SendAsync(CoapMessage.Request(CoapCode.Get, "a"), FakeNetwork.ToEndPoint(silent));
        net.Advance(100_000);

        var sends = net.Sent.Where(s => s.To.Equals(silent)).ToList();
        Assert.Equal(1 + 4, sends.Count); // first transmission + MAX_RETRANSMIT
        Assert.True(sends.Select(s => CoapMessage.TryDecode(s.Bytes)!.MessageId).Distinct().Count() == 1, "retransmissions reuse the message ID");

        // §4.2: initial timeout in [ACK_TIMEOUT, ACK_TIMEOUT * 1.5], then doubled each time.
        long initial = sends[1].Time - sends[0].Time;
        Assert.InRange(initial, 2000, 3000 + 10);
        for (int i = 2; i < sends.Count; i++)
        {
            long gap = sends[i].Time - sends[i - 1].Time;
            // The wheel rounds each deadline up to a 10 ms tick; the measured initial gap carries that rounding.
            long tolerance = (10L << (i - 1)) + 10;
            Assert.InRange(gap, (initial << (i - 1)) - tolerance, (initial << (i - 1)) + tolerance);
        }

        Assert.True(task.IsCompleted);
        Assert.Equal(CoapResultStatus.Timeout, task.Completed().Status);
        Assert.Equal(4, client.GetCounters().Retransmissions);
        Assert.Equal(1, client.GetCounters().Timeouts);
    }

    [Fact]
    public void PiggybackedResponse_StopsRetransmission_AndCompletesTheRequest()
    {
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Content).WritePayload("22.3 C"u8));
        var (server, serverAddress) = net.AddEndpoint(handler);
        var (client, _) = net.AddEndpoint();

        var task = client.SendAsync(CoapMessage.Request(CoapCode.Get, "temperature"), FakeNetwork.ToEndPoint(serverAddress));
        net.Advance(60_000);

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(CoapResultStatus.Response, task.Completed().Status);
        Assert.Equal(CoapCode.Content, task.Completed().Response!.Code);
        Assert.Equal("22.3 C", task.Completed().Response!.PayloadText);
        Assert.Equal(1, handler.Calls);
        Assert.Equal(0, client.GetCounters().Retransmissions);
        Assert.Single(net.SentTo(serverAddress));
    }

    [Fact]
    public void LostAck_RetransmittedRequest_GetsTheSameResponseWithoutRunningTheHandlerAgain()
    {
        var net = new FakeNetwork();
        int counter = 0;
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) =>
            b.SetCode(CoapCode.Changed).WritePayload(Encoding.UTF8.GetBytes((++counter).ToString())));
        var (server, serverAddress) = net.AddEndpoint(handler);
        var (client, clientAddress) = net.AddEndpoint();
        bool dropped = false;
        net.Drop = (from, to, bytes) =>
        {
            // Lose the first response on its way back to the client.
            if (!dropped && to.Equals(clientAddress))
            {
                dropped = true;
                return true;
            }

            return false;
        };

        var task = client.SendAsync(CoapMessage.Request(CoapCode.Post, "counter"), FakeNetwork.ToEndPoint(serverAddress));
        net.Advance(10_000);

        Assert.Equal(CoapResultStatus.Response, task.Completed().Status);
        Assert.Equal("1", task.Completed().Response!.PayloadText);
        Assert.Equal(1, handler.Calls);
        Assert.Equal(1, server.GetCounters().DuplicatesReceived);
        var responses = net.SentTo(clientAddress);
        Assert.Equal(2, responses.Count);
        Assert.Equal(responses[0].ToArray(), responses[1].ToArray());
    }

    [Fact]
    public void DuplicateNonConfirmableRequest_IsDropped()
    {
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Content));
        var (server, serverAddress) = net.AddEndpoint(handler);
        var peer = net.RawPeer(6001);
        var m = CoapMessage.Request(CoapCode.Get, "x");
        m.Type = CoapMessageType.NonConfirmable;
        m.MessageId = 77;
        m.Token = new CoapToken([1]);

        net.Inject(peer, serverAddress, m.ToArray());
        net.Inject(peer, serverAddress, m.ToArray());

        Assert.Equal(1, handler.Calls);
        var sent = net.SentTo(peer);
        Assert.Single(sent);
        Assert.Equal(CoapMessageType.NonConfirmable, sent[0].Type);
        Assert.Equal(CoapCode.Content, sent[0].Code);
    }

    [Fact]
    public void EmptyConfirmable_Ping_IsAnsweredWithReset()
    {
        var net = new FakeNetwork();
        var (server, serverAddress) = net.AddEndpoint();
        var peer = net.RawPeer(6002);

        net.Inject(peer, serverAddress, [0x40, 0x00, 0x12, 0x34]);

        var reply = Assert.Single(net.SentTo(peer));
        Assert.Equal(CoapMessageType.Reset, reply.Type);
        Assert.Equal(0x1234, reply.MessageId);
        Assert.True(reply.Code.IsEmpty);
    }

    [Fact]
    public void MalformedConfirmable_IsAnsweredWithResetAndCounted()
    {
        var net = new FakeNetwork();
        var (server, serverAddress) = net.AddEndpoint();
        var peer = net.RawPeer(6003);

        // CON, TKL 9 (reserved): a message format error.
        net.Inject(peer, serverAddress, [0x49, 0x01, 0x00, 0x07, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var reply = Assert.Single(net.SentTo(peer));
        Assert.Equal(CoapMessageType.Reset, reply.Type);
        Assert.Equal(7, reply.MessageId);
        Assert.Equal(1, server.GetCounters().MalformedReceived);
    }

    [Fact]
    public void UnrecognizedCriticalOption_InConfirmableRequest_IsAnswered402()
    {
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Content));
        var (server, serverAddress) = net.AddEndpoint(handler);
        var peer = net.RawPeer(6004);
        var m = CoapMessage.Request(CoapCode.Get, "x");
        m.MessageId = 5;
        m.AddOption(2049, [1]); // odd = critical, unknown

        net.Inject(peer, serverAddress, m.ToArray());

        var reply = Assert.Single(net.SentTo(peer));
        Assert.Equal(CoapCode.BadOption, reply.Code);
        Assert.Equal(CoapMessageType.Acknowledgement, reply.Type);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public void UnknownMethod_IsAnswered405()
    {
        var net = new FakeNetwork();
        var (server, serverAddress) = net.AddEndpoint();
        var peer = net.RawPeer(6005);
        var m = new CoapMessage(new CoapCode(0, 20)) { MessageId = 9 };

        net.Inject(peer, serverAddress, m.ToArray());

        Assert.Equal(CoapCode.MethodNotAllowed, Assert.Single(net.SentTo(peer)).Code);
    }

    [Fact]
    public void HandlerException_IsAnswered500AndCounted()
    {
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => throw new InvalidOperationException("bug"));
        var (server, serverAddress) = net.AddEndpoint(handler);
        var peer = net.RawPeer(6006);

        net.Inject(peer, serverAddress, Con(CoapCode.Get, 1, "x"));

        Assert.Equal(CoapCode.InternalServerError, Assert.Single(net.SentTo(peer)).Code);
        Assert.Equal(1, server.GetCounters().HandlerErrors);
    }

    [Fact]
    public void NStartOne_SecondRequestWaitsUntilTheFirstIsAcknowledged()
    {
        var net = new FakeNetwork();
        var (client, _) = net.AddEndpoint();
        var peer = net.RawPeer(6007);
        var remote = FakeNetwork.ToEndPoint(peer);

        var first = client.SendAsync(CoapMessage.Request(CoapCode.Get, "1"), remote);
        var second = client.SendAsync(CoapMessage.Request(CoapCode.Get, "2"), remote);

        var sent = net.SentTo(peer);
        Assert.Single(sent);
        Assert.Equal("/1", sent[0].UriPath);

        // The peer acknowledges the first with a piggybacked response.
        var ack = new CoapMessage(CoapCode.Content, CoapMessageType.Acknowledgement) { MessageId = sent[0].MessageId, Token = sent[0].Token };
        net.Inject(peer, net.Sent[0].From, ack.ToArray());

        Assert.Equal(CoapResultStatus.Response, first.Completed().Status);
        sent = net.SentTo(peer);
        Assert.Equal(2, sent.Count);
        Assert.Equal("/2", sent[1].UriPath);
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public void EmptyAckThenSeparateResponse_CompletesTheRequest_AndTheResponseIsAcknowledged()
    {
        var net = new FakeNetwork();
        var (client, clientAddress) = net.AddEndpoint();
        var peer = net.RawPeer(6008);

        var task = client.SendAsync(CoapMessage.Request(CoapCode.Get, "slow"), FakeNetwork.ToEndPoint(peer));
        var request = net.SentTo(peer)[0];
        net.Inject(peer, clientAddress, [0x60, 0x00, (byte)(request.MessageId >> 8), (byte)request.MessageId]);
        net.Advance(10_000);
        Assert.False(task.IsCompleted);
        Assert.Single(net.SentTo(peer)); // no retransmission after the empty ACK

        var separate = new CoapMessage(CoapCode.Content, CoapMessageType.Confirmable) { MessageId = 0x4242, Token = request.Token, Payload = "late"u8.ToArray() };
        net.Inject(peer, clientAddress, separate.ToArray());

        Assert.Equal("late", task.Completed().Response!.PayloadText);
        var ack = net.SentTo(peer)[1];
        Assert.Equal(CoapMessageType.Acknowledgement, ack.Type);
        Assert.Equal(0x4242, ack.MessageId);
    }

    [Fact]
    public void DeferredHandler_SendsEmptyAck_ThenSeparateResponseThatIsRetransmittedUntilAcked()
    {
        var net = new FakeNetwork();
        CoapDeferredResponse? deferred = null;
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => deferred = b.Defer());
        var (server, serverAddress) = net.AddEndpoint(handler);
        var (client, clientAddress) = net.AddEndpoint();

        var task = client.SendAsync(CoapMessage.Request(CoapCode.Get, "later"), FakeNetwork.ToEndPoint(serverAddress));
        net.Pump();
        Assert.NotNull(deferred);
        var ack = Assert.Single(net.SentTo(clientAddress));
        Assert.Equal(CoapMessageType.Acknowledgement, ack.Type);
        Assert.True(ack.Code.IsEmpty);

        var sent = deferred!.RespondAsync(new CoapMessage(CoapCode.Content) { Payload = "done"u8.ToArray() });
        net.Pump();

        Assert.Equal("done", task.Completed().Response!.PayloadText);
        Assert.Equal(CoapResultStatus.Response, sent.Completed().Status);
    }

    [Fact]
    public void ResponseWithUnknownToken_IsAnsweredWithReset()
    {
        var net = new FakeNetwork();
        var (client, clientAddress) = net.AddEndpoint();
        var peer = net.RawPeer(6009);
        _ = client.SendAsync(CoapMessage.Request(CoapCode.Get, "x"), FakeNetwork.ToEndPoint(peer)); // makes the peer known

        var stray = new CoapMessage(CoapCode.Content, CoapMessageType.Confirmable) { MessageId = 999, Token = new CoapToken([9, 9, 9]) };
        net.Inject(peer, clientAddress, stray.ToArray());

        var rst = net.SentTo(peer).Last();
        Assert.Equal(CoapMessageType.Reset, rst.Type);
        Assert.Equal(999, rst.MessageId);
    }

    [Fact]
    public void ResetToRequest_EndsItWithReset()
    {
        var net = new FakeNetwork();
        var (client, clientAddress) = net.AddEndpoint();
        var peer = net.RawPeer(6010);
        var task = client.SendAsync(CoapMessage.Request(CoapCode.Get, "x"), FakeNetwork.ToEndPoint(peer));
        var request = net.SentTo(peer)[0];

        net.Inject(peer, clientAddress, [0x70, 0x00, (byte)(request.MessageId >> 8), (byte)request.MessageId]);

        Assert.Equal(CoapResultStatus.Reset, task.Completed().Status);
    }

    [Fact]
    public void Cancellation_EndsTheRequestAndStopsRetransmission()
    {
        var net = new FakeNetwork();
        var (client, _) = net.AddEndpoint();
        var peer = net.RawPeer(6011);
        using var cts = new CancellationTokenSource();
        var task = client.SendAsync(CoapMessage.Request(CoapCode.Get, "x"), FakeNetwork.ToEndPoint(peer), cts.Token);

        cts.Cancel();
        net.Advance(100_000);

        Assert.Equal(CoapResultStatus.Cancelled, task.Completed().Status);
        Assert.Single(net.SentTo(peer));
    }

    [Fact]
    public void NonConfirmableRequest_WithoutResponse_TimesOutAfterResponseTimeout()
    {
        var net = new FakeNetwork();
        var (client, _) = net.AddEndpoint(options: new CoapEndpointOptions { ResponseTimeout = TimeSpan.FromSeconds(5) });
        var peer = net.RawPeer(6012);
        var m = CoapMessage.Request(CoapCode.Get, "x");
        m.Type = CoapMessageType.NonConfirmable;

        var task = client.SendAsync(m, FakeNetwork.ToEndPoint(peer));
        net.Advance(4_900);
        Assert.False(task.IsCompleted);
        net.Advance(200);

        Assert.Equal(CoapResultStatus.Timeout, task.Completed().Status);
        Assert.Single(net.SentTo(peer));
    }

    [Fact]
    public void DeduplicationEntry_ExpiresAfterItsLifetime()
    {
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Changed));
        var (server, serverAddress) = net.AddEndpoint(handler, new CoapEndpointOptions { DeduplicationLifetime = TimeSpan.FromSeconds(10) });
        var peer = net.RawPeer(6013);

        net.Inject(peer, serverAddress, Con(CoapCode.Post, 1, "x"));
        net.Advance(9_000);
        net.Inject(peer, serverAddress, Con(CoapCode.Post, 1, "x"));
        Assert.Equal(1, handler.Calls);
        net.Advance(2_000);
        net.Inject(peer, serverAddress, Con(CoapCode.Post, 1, "x"));
        Assert.Equal(2, handler.Calls);
    }

    [Theory]
    [InlineData(0)]     // an empty 2.04: kept inside the deduplication slot
    [InlineData(20)]
    [InlineData(300)]   // larger than a slot: kept in its own buffer
    public void DuplicateConfirmableRequest_GetsTheIdenticalResponse_WhateverItsSize(int payloadLength)
    {
        var net = new FakeNetwork();
        int calls = 0;
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) =>
            b.SetCode(CoapCode.Content).WritePayload(Enumerable.Repeat((byte)(++calls), payloadLength).ToArray()));
        var (server, serverAddress) = net.AddEndpoint(handler);
        var peer = net.RawPeer(6100);

        for (ushort mid = 1; mid <= 5; mid++)
        {
            net.Inject(peer, serverAddress, Con(CoapCode.Get, mid, "x"));
            net.Inject(peer, serverAddress, Con(CoapCode.Get, mid, "x"));
        }

        var replies = net.Sent.Where(s => s.To.Equals(peer)).Select(s => s.Bytes).ToList();
        Assert.Equal(10, replies.Count);
        for (int i = 0; i < 10; i += 2)
        {
            Assert.Equal(replies[i], replies[i + 1]);
        }

        Assert.Equal(5, handler.Calls);
    }

    [Fact]
    public void DeduplicationRing_ForgetsTheOldestBeyondItsCapacity_AndCountsIt()
    {
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Changed));
        var (server, serverAddress) = net.AddEndpoint(handler, new CoapEndpointOptions { DeduplicationCapacityPerPeer = 2 });
        var peer = net.RawPeer(6200);

        net.Inject(peer, serverAddress, Con(CoapCode.Post, 1, "x"));
        net.Inject(peer, serverAddress, Con(CoapCode.Post, 2, "x"));
        net.Inject(peer, serverAddress, Con(CoapCode.Post, 2, "x")); // duplicate, remembered
        Assert.Equal(2, handler.Calls);

        net.Inject(peer, serverAddress, Con(CoapCode.Post, 3, "x")); // pushes 1 out
        net.Inject(peer, serverAddress, Con(CoapCode.Post, 1, "x")); // forgotten: handled again
        Assert.Equal(4, handler.Calls);
        Assert.True(server.GetCounters().DeduplicationEvictions >= 1);
    }
}
