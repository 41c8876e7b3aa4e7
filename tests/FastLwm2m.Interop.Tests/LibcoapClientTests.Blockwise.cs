using System.Net;
using System.Text;
using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

// Block-wise transfers with libcoap (RFC 7959): Block2 downloads, Block1 uploads, size negotiation both ways, Block1 + Block2 combined.
public sealed partial class LibcoapClientTests
{
    [Fact]
    public async Task Get_BlockwiseWith64ByteBlocks_ClientPrintsTheWholeBody()
    {
        string body = DeterministicText(5_000);
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithTextResource("big", body);

        var client = await CoapClient("-m", "get", "-b", "64", server.UriOf("big"));

        Assert.Equal(body + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);

        // The client asked for 64-byte blocks from the first request on (early negotiation,
        // RFC 7959 §2.4): blocks 0 .. 78 (78 * 64 = 4,992). The handler ran once, for block 0;
        // the engine served the other 78 from the response it kept.
        var request = Assert.Single(server.Received);
        Assert.Equal(new BlockOption(0, false, BlockOption.SzxFromSize(64)), request.Block2);
        Assert.Equal(79, server.Endpoint.GetCounters().RequestsReceived);
    }

    [Fact]
    public async Task Get_BlockwiseWithTheServersDefaultBlockSize_ClientPrintsTheWholeBody()
    {
        string body = DeterministicText(5_000);
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithTextResource("big", body);

        var client = await CoapClient("-m", "get", server.UriOf("big"));

        Assert.Equal(body + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);

        // The first GET carried no Block2: our 1,024-byte slicing started the transfer, and the
        // client fetched blocks 1 .. 4 in that size.
        // The handler ran once; the engine answered blocks 1-4 from the kept response.
        Assert.Null(Assert.Single(server.Received).Block2);
        Assert.Equal(5, server.Endpoint.GetCounters().RequestsReceived);
    }

    [Fact]
    public async Task Get_ClientAsksForBiggerBlocksThanTheServerPrefers_ServerSizeWins()
    {
        // RFC 7959 §2.4: the server may answer a Block2 request with a smaller SZX (late negotiation).
        string body = DeterministicText(1_000);
        await using var server = TestCoapServer.Start(IPAddress.Loopback, o => o.PreferredBlockSize = 64)
            .WithTextResource("big", body);

        var client = await CoapClient("-m", "get", "-b", "256", server.UriOf("big"));

        Assert.Equal(body + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);

        // The first request asked for 256-byte blocks and got 64; the client then fetched the
        // rest in 64-byte blocks, each once: offsets 64 .. 960.
        // The handler saw the first request (256-byte blocks asked); the other 15 blocks of 64
        // bytes came from the kept response.
        Assert.Equal(new BlockOption(0, false, BlockOption.SzxFromSize(256)), Assert.Single(server.Received).Block2);
        Assert.Equal(16, server.Endpoint.GetCounters().RequestsReceived);
    }

    [Fact]
    public async Task Get_NonConfirmableBlockwise_ClientPrintsTheWholeBody()
    {
        string body = DeterministicText(5_000);
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithTextResource("big", body);

        var client = await CoapClient("-m", "get", "-N", "-b", "512", server.UriOf("big"));

        Assert.Equal(body + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);
        Assert.Equal(CoapMessageType.NonConfirmable, Assert.Single(server.Received).Message.Type);
        Assert.Equal(10, server.Endpoint.GetCounters().RequestsReceived);
    }

    [Theory]
    [InlineData("put")]
    [InlineData("post")]
    public async Task BlockwiseUpload_FileLargerThanOneBlock_HandlerGetsTheWholeBody(string method)
    {
        string body = DeterministicText(3_000);
        using var file = await TemporaryFile.WithTextAsync(body);
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("upload", StoreBody);

        var client = await CoapClient("-m", method, "-b", "128", "-f", file.Path, server.UriOf("upload"));

        Assert.Equal("stored 3000 bytes" + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);

        // Blocks 0 .. 22 were answered 2.31 Continue by the engine; the handler ran once, for
        // the last block (23, 3,000 - 23 * 128 = 56 bytes), with the reassembled body.
        var request = Assert.Single(server.Received);
        Assert.Equal(method == "put" ? CoapCode.Put : CoapCode.Post, request.Method);
        Assert.Equal(body, Encoding.UTF8.GetString(request.Body));
        Assert.True(BlockOption.TryDecode(request.Message.GetUInt32(CoapOptionNumber.Block1)!.Value, out var last));
        Assert.Equal(new BlockOption(23, false, BlockOption.SzxFromSize(128)), last);
    }

    [Fact]
    public async Task Put_ClientSendsBiggerBlocksThanTheServerPrefers_ServerSizeWins()
    {
        // RFC 7959 §2.5: a 2.31 with a smaller SZX asks the client to continue in smaller blocks.
        string body = DeterministicText(1_000);
        using var file = await TemporaryFile.WithTextAsync(body);
        await using var server = TestCoapServer.Start(IPAddress.Loopback, o => o.PreferredBlockSize = 64)
            .WithResource("upload", StoreBody);

        var client = await CoapClient("-m", "put", "-b", "256", "-f", file.Path, server.UriOf("upload"));

        Assert.Equal("stored 1000 bytes" + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);
        Assert.Equal(body, Encoding.UTF8.GetString(Assert.Single(server.Received).Body));
    }

    [Fact]
    public async Task Post_WithAResponseBiggerThanABlock_ClientPrintsTheWholeResponse()
    {
        // RFC 7959 §2.7, §3.3 (figure 13): the client fetches the rest of a POST's response with
        // further POSTs that carry only Block2, no payload. The server answers them from the
        // response it made; it must not run a non-idempotent POST again for each block.
        string expected = string.Concat(Enumerable.Repeat("abc", 1_000));
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("repeat", (in CoapRequestContext request, CoapResponseBuilder response) => response
                .SetCode(CoapCode.Changed)
                .SetContentFormat(CoapContentFormat.TextPlain)
                .WritePayload(string.Concat(Enumerable.Repeat(Encoding.UTF8.GetString(request.Body), 1_000))));

        var client = await CoapClient("-m", "post", "-e", "abc", server.UriOf("repeat"));

        Assert.Equal("", client.Errors);
        Assert.Equal(expected + ClosingNewline, client.Output);
        Assert.Equal("abc"u8.ToArray(), Assert.Single(server.Received).Body);
    }

    [Fact]
    public async Task Post_BlockwiseRequestWithABlockwiseResponse_ClientPrintsTheWholeEcho()
    {
        // RFC 7959 §2.7, §3.3 (figure 13): Block1 for the request body, then Block2 for a response
        // bigger than a block.
        string body = DeterministicText(3_000);
        using var file = await TemporaryFile.WithTextAsync(body);
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("echo", (in CoapRequestContext request, CoapResponseBuilder response) => response
                .SetCode(CoapCode.Changed)
                .SetContentFormat(CoapContentFormat.TextPlain)
                .WritePayload(request.Body));

        var client = await CoapClient("-m", "post", "-b", "128", "-f", file.Path, server.UriOf("echo"));

        Assert.Equal("", client.Errors);
        Assert.Equal(body + ClosingNewline, client.Output);
        Assert.Equal(body, Encoding.UTF8.GetString(Assert.Single(server.Received).Body));
    }

    [Fact]
    public async Task Fetch_WithAResponseBiggerThanABlock_ClientPrintsTheWholeResponse()
    {
        // LwM2M Read-Composite shape. libcoap asks for further Block2 blocks with FETCHes that do
        // not repeat the payload (as for POST, RFC 7959 §2.7, §3.3): the server must answer them
        // from the response it made, or at least from the first request's body.
        string expected = string.Concat(Enumerable.Repeat("/3/0/1", 500));
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("composite", (in CoapRequestContext request, CoapResponseBuilder response) => response
                .SetCode(CoapCode.Content)
                .SetContentFormat(CoapContentFormat.TextPlain)
                .WritePayload(string.Concat(Enumerable.Repeat(Encoding.UTF8.GetString(request.Body), 500))));

        var client = await CoapClient("-m", "fetch", "-t", "0", "-e", "/3/0/1", server.UriOf("composite"));

        Assert.Equal("", client.Errors);
        Assert.Equal(expected + ClosingNewline, client.Output);
        Assert.All(server.Received, r => Assert.Equal("/3/0/1"u8.ToArray(), r.Body));
    }
}
