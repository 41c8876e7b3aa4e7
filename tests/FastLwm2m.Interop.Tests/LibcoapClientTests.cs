using System.Diagnostics;
using System.Net;
using System.Text;
using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

/// <summary>
/// libcoap's coap-client-notls against a real <see cref="CoapEndpoint"/> on loopback: plain
/// requests, block-wise transfers in both directions (RFC 7959), observe (RFC 7641), errors and
/// IPv6. Each test asserts on what the client printed and on what our handler saw. This file
/// holds the plain request/response cases and the helpers; the partials hold the rest by concern.
/// </summary>
public sealed partial class LibcoapClientTests
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

        // coap-client prints a 2.xx response's payload, not its code: the payload says what the handler stored.
        Assert.Equal("stored 5 bytes" + ClosingNewline, client.Output);
        Assert.Equal("", client.Errors);
        var request = Assert.Single(server.Received);
        Assert.Equal(CoapCode.Put, request.Method);
        Assert.Equal("hello"u8.ToArray(), request.Body);
        Assert.Equal((uint)CoapContentFormat.TextPlain, request.Message.ContentFormat);
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
