using System.Net;
using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

// Addressing: IPv6 loopback, a dual-mode socket serving both families, and the peer address a handler sees.
public sealed partial class LibcoapClientTests
{
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
        Assert.Single(server.Received); // the handler ran once
        Assert.Equal(20, server.Endpoint.GetCounters().RequestsReceived); // 20 * 256 = 5,120
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
        Assert.Equal(IPAddress.Loopback.MapToIPv6(), server.Received[0].Peer.Address);
        Assert.Equal(IPAddress.IPv6Loopback, server.Received[1].Peer.Address);
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
}
