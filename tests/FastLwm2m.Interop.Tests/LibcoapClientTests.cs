using System.Diagnostics;
using System.Net;
using System.Text;
using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

/// <summary>
/// libcoap's coap-client-notls against a real <see cref="CoapEndpoint"/> on loopback: plain
/// requests, block-wise transfers in both directions (RFC 7959), observe (RFC 7641), errors and
/// IPv6. Each test asserts on what the client printed and on what our handler saw.
/// </summary>
public sealed class LibcoapClientTests
{
    // coap-client gives up after this (-B); the process wrapper kills it a little later.
    private const string BreakSeconds = "5";
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(10);

    // coap-client writes received data to stdout and one newline when it closes the output
    // (libcoap 4.3 close_output, when no -o file is given).
    private const string ClosingNewline = "\n";

    [Fact]
    public async Task Get_TextResource_ClientPrintsThePayload()
    {
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithTextResource("hello", "Hello from FastLwm2m");

        var client = await CoapClient("-m", "get", server.UriOf("hello"));

        Assert.Equal("Hello from FastLwm2m" + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);
        var request = Assert.Single(server.Received);
        Assert.Equal(CoapCode.Get, request.Method);
        Assert.Equal("/hello", request.Path);
        Assert.Equal(IPAddress.Loopback, request.Peer.Address);
    }

    [Fact]
    public async Task Put_WithTextPayload_HandlerReceivesExactlyThatBody_AndClientSeesChanged()
    {
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("config", StoreBody);

        var client = await CoapClient("-m", "put", "-t", "0", "-e", "hello", server.UriOf("config"));

        // The 2.04's payload is printed by coap-client only for a 2.xx response.
        Assert.Equal("stored 5 bytes" + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);
        var request = Assert.Single(server.Received);
        Assert.Equal(CoapCode.Put, request.Method);
        Assert.Equal("hello"u8.ToArray(), request.Body);
        Assert.Equal((uint)CoapContentFormat.TextPlain, request.Message.ContentFormat);
    }

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
        // RFC 7959 §2.4), so the handler ran once per block: 0 .. 78 (78 * 64 = 4,992).
        var blocks = server.Received.Select(r => r.Block2).ToArray();
        Assert.All(blocks, b => Assert.Equal(64, b?.Size));
        Assert.Equal(Enumerable.Range(0, 79).Select(n => (uint?)n), blocks.Select(b => b?.Number));
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
        var requests = server.Received;
        Assert.Equal(5, requests.Count);
        Assert.Null(requests[0].Block2);
        Assert.Equal([1u, 2u, 3u, 4u], requests.Skip(1).Select(r => r.Block2!.Value.Number));
        Assert.All(requests.Skip(1), r => Assert.Equal(1024, r.Block2!.Value.Size));
    }

    [Theory]
    [InlineData("put")]
    [InlineData("post")]
    public async Task BlockwiseUpload_FileLargerThanOneBlock_HandlerGetsTheWholeBody(string method)
    {
        string body = DeterministicText(3_000);
        string file = Path.Combine(Path.GetTempPath(), $"fastlwm2m-interop-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, body);
        try
        {
            await using var server = TestCoapServer.Start(IPAddress.Loopback)
                .WithResource("upload", StoreBody);

            var client = await CoapClient("-m", method, "-b", "128", "-f", file, server.UriOf("upload"));

            Assert.Equal("stored 3000 bytes" + ClosingNewline, client.Output);
            Assert.Equal("", client.Errors);

            // Blocks 0 .. 22 were answered 2.31 Continue by the engine; the handler ran once, for
            // the last block, with the reassembled body.
            var request = Assert.Single(server.Received);
            Assert.Equal(method == "put" ? CoapCode.Put : CoapCode.Post, request.Method);
            Assert.Equal(body, Encoding.UTF8.GetString(request.Body));
            Assert.True(BlockOption.TryDecode(request.Message.GetUInt32(CoapOptionNumber.Block1)!.Value, out var last));
            Assert.Equal(new BlockOption(23, false, BlockOption.SzxFromSize(128)), last);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Observe_ClientObservingAResource_PrintsEveryNotification(bool confirmable)
    {
        // Given a server with an observable counter (NON or CON notifications)
        var counter = new ObservableResource("counter") { Confirmable = confirmable };
        int value = 0;
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("counter", (in CoapRequestContext _, CoapResponseBuilder response) => response
                .SetCode(CoapCode.Content)
                .SetContentFormat(CoapContentFormat.TextPlain)
                .WritePayload($"count={Volatile.Read(ref value)}")
                .AcceptObservation(counter));

        // When coap-client observes it for 3 seconds (-w: a newline after each payload)
        await using var client = CoapClientProcess.Start("-m", "get", "-s", "3", "-w", "-B", BreakSeconds, server.UriOf("counter"));
        await WaitUntil(() => counter.ObserverCount == 1, "the client to be registered as an observer");
        await client.WaitForOutputAsync(o => o.Contains("count=0\n", StringComparison.Ordinal), WaitTimeout, "the first response");

        // and the counter changes three times
        for (int i = 1; i <= 3; i++)
        {
            Volatile.Write(ref value, i);
            counter.Changed();
            string expected = $"count={i}\n";
            await client.WaitForOutputAsync(o => o.Contains(expected, StringComparison.Ordinal), WaitTimeout, $"notification {i}");
        }

        // Then the client printed each value once, in order, and ended by itself
        var run = await client.WaitForExitAsync(WaitTimeout);
        Assert.Equal("count=0\ncount=1\ncount=2\ncount=3\n" + ClosingNewline, run.Output);
        Assert.Equal("", run.Errors);
        Assert.Equal(3, server.Endpoint.GetCounters().NotificationsSent);

        // and, when its 3 seconds were up, deregistered with GET Observe=1 (RFC 7641 §3.6)
        var requests = server.Received;
        Assert.Equal(2, requests.Count);
        Assert.Equal(0u, requests[0].Message.Observe);
        Assert.Equal(1u, requests[1].Message.Observe);
        Assert.Equal(requests[0].Message.Token, requests[1].Message.Token);
        Assert.Equal(0, counter.ObserverCount);
    }

    [Fact]
    public async Task Get_UnknownPath_ClientPrintsNotFound()
    {
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithTextResource("hello", "Hello");

        var client = await CoapClient("-m", "get", server.UriOf("no/such/resource"));

        // coap-client prints error responses (4.xx, 5.xx) on stderr, with the diagnostic payload if any.
        Assert.Equal("", client.Output);
        Assert.Equal("4.04", client.Errors.Trim());
        var request = Assert.Single(server.Received);
        Assert.Equal("/no/such/resource", request.Path);
    }

    [Fact]
    public async Task Get_OverIpv6Loopback_ClientPrintsThePayload()
    {
        await using var server = TestCoapServer.Start(IPAddress.IPv6Loopback)
            .WithTextResource("hello", "Hello over IPv6");

        var client = await CoapClient("-m", "get", server.UriOf("hello"));

        Assert.StartsWith("coap://[::1]:", server.UriOf("hello"), StringComparison.Ordinal);
        Assert.Equal("Hello over IPv6" + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);
        var request = Assert.Single(server.Received);
        Assert.Equal(IPAddress.IPv6Loopback, request.Peer.Address);
    }

    [Fact]
    public async Task BlockwiseGet_OverIpv6Loopback_ClientPrintsTheWholeBody()
    {
        string body = DeterministicText(5_000);
        await using var server = TestCoapServer.Start(IPAddress.IPv6Loopback)
            .WithTextResource("big", body);

        var client = await CoapClient("-m", "get", "-b", "256", server.UriOf("big"));

        Assert.Equal(body + ClosingNewline, client.Output);
        Assert.Equal(20, server.Received.Count); // 20 * 256 = 5,120
    }

    [Fact]
    public async Task DualModeEndpoint_ServesAnIpv4ClientAndAnIpv6Client()
    {
        await using var server = TestCoapServer.Start(IPAddress.IPv6Any)
            .WithTextResource("hello", "Hello, dual mode");

        var overIpv4 = await CoapClient("-m", "get", server.UriOf("hello", IPAddress.Loopback));
        var overIpv6 = await CoapClient("-m", "get", server.UriOf("hello", IPAddress.IPv6Loopback));

        Assert.Equal("Hello, dual mode" + ClosingNewline, overIpv4.Output);
        Assert.Equal("Hello, dual mode" + ClosingNewline, overIpv6.Output);
        Assert.Equal(2, server.Received.Count);

        // A dual-mode socket sees the IPv4 client as an IPv4-mapped IPv6 address.
        Assert.Equal(IPAddress.Loopback, server.Received[0].Peer.Address.IsIPv4MappedToIPv6 ? server.Received[0].Peer.Address.MapToIPv4() : server.Received[0].Peer.Address);
        Assert.Equal(IPAddress.IPv6Loopback, server.Received[1].Peer.Address);
    }

    [Fact]
    public async Task Get_NonConfirmable_ClientPrintsTheNonResponse()
    {
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithTextResource("hello", "Hello, NON");

        var client = await CoapClient("-m", "get", "-N", server.UriOf("hello"));

        Assert.Equal("Hello, NON" + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);
        Assert.Equal(CoapMessageType.NonConfirmable, Assert.Single(server.Received).Message.Type);
    }

    [Fact]
    public async Task Get_AnsweredWithASeparateResponse_ClientAcknowledgesAndPrintsIt()
    {
        // Given a resource that answers later (RFC 7252 §5.2.2)
        var deferred = new TaskCompletionSource<CoapDeferredResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("slow", (in CoapRequestContext _, CoapResponseBuilder response) => deferred.TrySetResult(response.Defer()));

        // When coap-client asks for it, and the answer is ready after the empty ACK went out
        await using var client = CoapClientProcess.Start("-m", "get", "-B", BreakSeconds, server.UriOf("slow"));
        var handle = await deferred.Task.WaitAsync(WaitTimeout);
        var answer = new CoapMessage(CoapCode.Content) { Payload = "worth the wait"u8.ToArray() };
        answer.ContentFormat = CoapContentFormat.TextPlain;
        var sent = await handle.RespondAsync(answer).WaitAsync(WaitTimeout);

        // Then the client acknowledged the CON response and printed it
        Assert.Equal(CoapResultStatus.Response, sent.Status);
        var run = await client.WaitForExitAsync(WaitTimeout);
        Assert.Equal("worth the wait" + ClosingNewline, run.Output);
        Assert.Equal("", run.Errors);
        Assert.Equal(0, server.Endpoint.GetCounters().Retransmissions);
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
        var blocks = server.Received.Select(r => r.Block2!.Value).ToArray();
        Assert.Equal(new BlockOption(0, false, BlockOption.SzxFromSize(256)), blocks[0]);
        Assert.All(blocks.Skip(1), b => Assert.Equal(64, b.Size));
        Assert.Equal(Enumerable.Range(1, 15).Select(n => n * 64L), blocks.Skip(1).Select(b => b.Offset));
    }

    [Fact]
    public async Task Put_ClientSendsBiggerBlocksThanTheServerPrefers_ServerSizeWins()
    {
        // RFC 7959 §2.5: a 2.31 with a smaller SZX asks the client to continue in smaller blocks.
        string body = DeterministicText(1_000);
        string file = Path.Combine(Path.GetTempPath(), $"fastlwm2m-interop-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, body);
        try
        {
            await using var server = TestCoapServer.Start(IPAddress.Loopback, o => o.PreferredBlockSize = 64)
                .WithResource("upload", StoreBody);

            var client = await CoapClient("-m", "put", "-b", "256", "-f", file, server.UriOf("upload"));

            Assert.Equal("stored 1000 bytes" + ClosingNewline, client.Output);
            Assert.Equal("", client.Errors);
            Assert.Equal(body, Encoding.UTF8.GetString(Assert.Single(server.Received).Body));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Observe_BlockwiseResource_ClientFetchesEveryNotificationWhole()
    {
        // RFC 7641 + RFC 7959 §2.6: a notification larger than a block carries block 0; the
        // client GETs the rest.
        var report = new ObservableResource("report");
        int value = 0;
        string Body(int v) => $"report {v}\n" + DeterministicText(2_500);
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("report", (in CoapRequestContext _, CoapResponseBuilder response) => response
                .SetCode(CoapCode.Content)
                .SetContentFormat(CoapContentFormat.TextPlain)
                .WritePayload(Body(Volatile.Read(ref value)))
                .AcceptObservation(report));

        await using var client = CoapClientProcess.Start("-m", "get", "-s", "2", "-w", "-B", BreakSeconds, server.UriOf("report"));
        await WaitUntil(() => report.ObserverCount == 1, "the client to be registered as an observer");
        await client.WaitForOutputAsync(o => o.Contains(Body(0) + "\n", StringComparison.Ordinal), WaitTimeout, "the whole first response");

        Volatile.Write(ref value, 1);
        report.Changed();
        await client.WaitForOutputAsync(o => o.Contains(Body(1) + "\n", StringComparison.Ordinal), WaitTimeout, "the whole notification");

        var run = await client.WaitForExitAsync(WaitTimeout);
        Assert.Equal(Body(0) + "\n" + Body(1) + "\n" + ClosingNewline, run.Output);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public async Task Get_WithAnUnrecognizedCriticalOption_ClientPrintsBadOption()
    {
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithTextResource("hello", "Hello");

        // Option 9 is unassigned and odd, hence critical (RFC 7252 §5.4.1, §12.2).
        var client = await CoapClient("-m", "get", "-O", "9,x", server.UriOf("hello"));

        Assert.Equal("", client.Output);
        Assert.Equal("4.02", client.Errors.Trim());
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Handler_ReadingRemoteEndPointOfAnIpv4Client_GetsTheClientsAddress()
    {
        // CoapRequestContext.RemoteEndPoint / CoapPeerInfo.EndPoint on an IPv4 endpoint.
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("whoami", (in CoapRequestContext request, CoapResponseBuilder response) => response
                .SetCode(CoapCode.Content)
                .WritePayload(request.RemoteEndPoint.Address.ToString()));

        var client = await CoapClient("-m", "get", server.UriOf("whoami"));

        Assert.Equal("", client.Errors);
        Assert.Equal("127.0.0.1" + ClosingNewline, client.Output);
        Assert.Equal(0, server.Endpoint.GetCounters().HandlerErrors);
    }

    private static void StoreBody(in CoapRequestContext request, CoapResponseBuilder response) => response
        .SetCode(CoapCode.Changed)
        .SetContentFormat(CoapContentFormat.TextPlain)
        .WritePayload($"stored {request.Body.Length} bytes");

    private static Task<CoapClientRun> CoapClient(params string[] arguments) =>
        CoapClientProcess.RunAsync(["-B", BreakSeconds, .. arguments]);

    /// <summary>
    /// ASCII text of exactly <paramref name="length"/> bytes made of numbered 6-byte cells, so a
    /// block delivered twice, lost or out of order shows up as a mismatch.
    /// </summary>
    private static string DeterministicText(int length)
    {
        var sb = new StringBuilder(length + 8);
        for (int i = 0; sb.Length < length; i++)
        {
            sb.Append(i.ToString("D5")).Append(i % 16 == 15 ? '\n' : ' ');
        }

        return sb.ToString(0, length);
    }

    /// <summary>Polls <paramref name="condition"/> in short steps until it holds or the wait times out.</summary>
    private static async Task WaitUntil(Func<bool> condition, string description)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > WaitTimeout)
            {
                Assert.Fail($"Timed out after {WaitTimeout} waiting for {description}.");
            }

            await Task.Delay(10);
        }
    }
}
