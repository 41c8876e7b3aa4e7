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

    [Fact]
    public async Task Get_TextResource_ClientPrintsThePayload()
    {
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithTextResource("hello", "Hello from FastLwm2m");

        var client = await CoapClient("-m", "get", server.UriOf("hello"));

        Assert.Equal("Hello from FastLwm2m", client.Output);
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
        Assert.Equal("stored 5 bytes", client.Output);
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

        Assert.Equal(body, client.Output);
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

        Assert.Equal(body, client.Output);
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

            Assert.Equal("stored 3000 bytes", client.Output);
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

    [Fact]
    public async Task Observe_ClientObservingAResource_PrintsEveryNotification()
    {
        // Given a server with an observable counter
        var counter = new ObservableResource("counter");
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
        Assert.Equal("count=0\ncount=1\ncount=2\ncount=3\n", run.Output);
        Assert.Equal("", run.Errors);
        Assert.Equal(3, server.Endpoint.GetCounters().NotificationsSent);
        var registration = server.Received[0];
        Assert.Equal(0u, registration.Message.Observe);
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
        Assert.Equal("Hello over IPv6", client.Output);
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

        Assert.Equal(body, client.Output);
        Assert.Equal(20, server.Received.Count); // 20 * 256 = 5,120
    }

    [Fact]
    public async Task DualModeEndpoint_ServesAnIpv4ClientAndAnIpv6Client()
    {
        await using var server = TestCoapServer.Start(IPAddress.IPv6Any)
            .WithTextResource("hello", "Hello, dual mode");

        var overIpv4 = await CoapClient("-m", "get", server.UriOf("hello", IPAddress.Loopback));
        var overIpv6 = await CoapClient("-m", "get", server.UriOf("hello", IPAddress.IPv6Loopback));

        Assert.Equal("Hello, dual mode", overIpv4.Output);
        Assert.Equal("Hello, dual mode", overIpv6.Output);
        Assert.Equal(2, server.Received.Count);

        // A dual-mode socket sees the IPv4 client as an IPv4-mapped IPv6 address.
        Assert.Equal(IPAddress.Loopback, server.Received[0].Peer.Address.IsIPv4MappedToIPv6 ? server.Received[0].Peer.Address.MapToIPv4() : server.Received[0].Peer.Address);
        Assert.Equal(IPAddress.IPv6Loopback, server.Received[1].Peer.Address);
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
