namespace FastLwm2m.Coap.Tests.MessageLayer;

/// <summary>RFC 7959: Block2 responses and Block1 requests, both directions, with SZX negotiation.</summary>
public class BlockwiseTests
{
    private static byte[] Body(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 + (i >> 8));
        }

        return bytes;
    }

    [Fact]
    public void LargeResponse_IsSentInBlock2Blocks_AndReassembledByTheClient()
    {
        var body = Body(5000);
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Content).SetContentFormat(42).WritePayload(body));
        var (server, serverAddress) = net.AddEndpoint(handler);
        var (client, _) = net.AddEndpoint();

        var task = client.SendAsync(CoapMessage.Request(CoapCode.Get, "big"), FakeNetwork.ToEndPoint(serverAddress));
        net.Advance(1_000);

        var result = task.Completed();
        Assert.Equal(CoapResultStatus.Response, result.Status);
        Assert.Equal(body, result.Response!.Payload.ToArray());
        Assert.Equal(42u, result.Response.ContentFormat);
        var requests = net.SentTo(serverAddress);
        Assert.Equal(5, requests.Count); // 1024-byte blocks: 0..4
        Assert.Equal(new BlockOption(4, false, 6).Encode(), requests[4].GetUInt32(CoapOptionNumber.Block2));
    }

    [Fact]
    public void FirstBlock2Response_CarriesSize2AndMore()
    {
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Content).WritePayload(Body(3000)));
        var (server, serverAddress) = net.AddEndpoint(handler);
        var peer = net.RawPeer(7000);
        var request = CoapMessage.Request(CoapCode.Get, "big");
        request.MessageId = 1;

        net.Inject(peer, serverAddress, request.ToArray());

        var response = Assert.Single(net.SentTo(peer));
        Assert.True(BlockOption.TryDecode(response.GetUInt32(CoapOptionNumber.Block2)!.Value, out var block));
        Assert.Equal(0u, block.Number);
        Assert.True(block.More);
        Assert.Equal(1024, block.Size);
        Assert.Equal(3000u, response.GetUInt32(CoapOptionNumber.Size2));
        Assert.Equal(1024, response.Payload.Length);
    }

    [Fact]
    public void EarlyNegotiation_ClientAsksFor64ByteBlocks_ServerUsesThem()
    {
        var body = Body(200);
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Content).WritePayload(body));
        var (server, serverAddress) = net.AddEndpoint(handler);
        var (client, _) = net.AddEndpoint();
        var request = CoapMessage.Request(CoapCode.Get, "b");
        request.AddOption(CoapOptionNumber.Block2, new BlockOption(0, false, 2).Encode());

        var task = client.SendAsync(request, FakeNetwork.ToEndPoint(serverAddress));
        net.Advance(1_000);

        Assert.Equal(body, task.Completed().Response!.Payload.ToArray());
        Assert.Equal(4, net.SentTo(serverAddress).Count); // 64+64+64+8
    }

    [Fact]
    public void LargeRequest_IsSentInBlock1Blocks_AndTheHandlerSeesTheWholeBody()
    {
        var body = Body(50_000);
        byte[]? received = null;
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) =>
        {
            received = r.Body.ToArray();
            b.SetCode(CoapCode.Changed);
        });
        var (server, serverAddress) = net.AddEndpoint(handler);
        var (client, clientAddress) = net.AddEndpoint();
        var request = CoapMessage.Request(CoapCode.Put, "fw/package");
        request.Payload = body;

        var task = client.SendAsync(request, FakeNetwork.ToEndPoint(serverAddress));
        net.Advance(1_000);

        Assert.Equal(CoapCode.Changed, task.Completed().Response!.Code);
        Assert.Equal(body, received);
        Assert.Equal(1, handler.Calls);
        var continues = net.SentTo(clientAddress).Count(m => m.Code == CoapCode.Continue);
        Assert.Equal(48, continues); // 49 blocks of 1024, the last answered 2.04
    }

    [Fact]
    public void Block1_ServerPrefersSmallerBlocks_ClientAdapts()
    {
        var body = Body(3000);
        byte[]? received = null;
        var net = new FakeNetwork();
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) =>
        {
            received = r.Body.ToArray();
            b.SetCode(CoapCode.Changed);
        });
        var (server, serverAddress) = net.AddEndpoint(handler, new CoapEndpointOptions { PreferredBlockSize = 256 });
        var (client, _) = net.AddEndpoint();
        var request = CoapMessage.Request(CoapCode.Put, "x");
        request.Payload = body;

        var task = client.SendAsync(request, FakeNetwork.ToEndPoint(serverAddress));
        net.Advance(1_000);

        Assert.Equal(CoapCode.Changed, task.Completed().Response!.Code);
        Assert.Equal(body, received);
        var blocks = net.SentTo(serverAddress);
        Assert.Equal(1024, blocks[0].Payload.Length);
        Assert.All(blocks.Skip(1), m => Assert.True(m.Payload.Length <= 256));
    }

    [Fact]
    public void Block1_OutOfOrderBlock_IsAnswered408()
    {
        var net = new FakeNetwork();
        var (server, serverAddress) = net.AddEndpoint(new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Changed)));
        var peer = net.RawPeer(7001);
        var block = CoapMessage.Request(CoapCode.Put, "x");
        block.MessageId = 10;
        block.AddOption(CoapOptionNumber.Block1, new BlockOption(3, true, 4).Encode());
        block.Payload = new byte[256];

        net.Inject(peer, serverAddress, block.ToArray());

        Assert.Equal(CoapCode.RequestEntityIncomplete, Assert.Single(net.SentTo(peer)).Code);
    }

    [Fact]
    public void Block1_BodyAboveTheLimit_IsAnswered413WithSize1()
    {
        var net = new FakeNetwork();
        var (server, serverAddress) = net.AddEndpoint(
            new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Changed)),
            new CoapEndpointOptions { MaxBodyBytes = 2048 });
        var peer = net.RawPeer(7002);
        for (uint n = 0; n < 3; n++)
        {
            var block = CoapMessage.Request(CoapCode.Put, "x");
            block.MessageId = (ushort)(20 + n);
            block.AddOption(CoapOptionNumber.Block1, new BlockOption(n, true, 6).Encode());
            block.Payload = new byte[1024];
            net.Inject(peer, serverAddress, block.ToArray());
        }

        var replies = net.SentTo(peer);
        Assert.Equal(CoapCode.Continue, replies[0].Code);
        Assert.Equal(CoapCode.Continue, replies[1].Code);
        Assert.Equal(CoapCode.RequestEntityTooLarge, replies[2].Code);
        Assert.Equal(2048u, replies[2].GetUInt32(CoapOptionNumber.Size1));
    }

    [Fact]
    public void Block1_AnnouncedSize1AboveTheLimit_IsAnswered413AtOnce()
    {
        var net = new FakeNetwork();
        var (server, serverAddress) = net.AddEndpoint(options: new CoapEndpointOptions { MaxBodyBytes = 4096 });
        var peer = net.RawPeer(7003);
        var block = CoapMessage.Request(CoapCode.Put, "x");
        block.MessageId = 30;
        block.AddOption(CoapOptionNumber.Block1, new BlockOption(0, true, 6).Encode());
        block.AddOption(CoapOptionNumber.Size1, 100_000u);
        block.Payload = new byte[1024];

        net.Inject(peer, serverAddress, block.ToArray());

        Assert.Equal(CoapCode.RequestEntityTooLarge, Assert.Single(net.SentTo(peer)).Code);
    }

    [Fact]
    public void Block2_RequestBeyondTheEnd_IsAnswered402()
    {
        var net = new FakeNetwork();
        var (server, serverAddress) = net.AddEndpoint(new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Content).WritePayload(new byte[100])));
        var peer = net.RawPeer(7004);
        var request = CoapMessage.Request(CoapCode.Get, "x");
        request.MessageId = 40;
        request.AddOption(CoapOptionNumber.Block2, new BlockOption(5, false, 4).Encode());

        net.Inject(peer, serverAddress, request.ToArray());

        Assert.Equal(CoapCode.BadOption, Assert.Single(net.SentTo(peer)).Code);
    }
}
