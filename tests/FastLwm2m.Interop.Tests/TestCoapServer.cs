using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FastLwm2m.Coap;
using FastLwm2m.Transport;

namespace FastLwm2m.Interop.Tests;

/// <summary>
/// A real <see cref="CoapEndpoint"/> on a loopback port picked by the OS, serving resources
/// registered by path and recording every request its handler ran for (notification refreshes
/// excluded). Unknown paths are answered 4.04. Each test starts its own, so tests run in parallel.
/// </summary>
internal sealed class TestCoapServer : ICoapRequestHandler, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ResourceHandler> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private TestCoapServer(IPAddress address, Action<CoapEndpointOptions>? configure)
    {
        var options = new CoapEndpointOptions
        {
            Udp = new UdpEndpointOptions { Address = address, Port = 0, LoopCount = 2 },
        };
        configure?.Invoke(options);
        Endpoint = new CoapEndpoint(options, this);
    }

    public CoapEndpoint Endpoint { get; }

    public int Port => Endpoint.LocalEndPoint.Port;

    /// <summary>The requests the handler ran for, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => _received.ToArray();

    /// <summary>Starts a server bound to <paramref name="address"/> (127.0.0.1, ::1 or a wildcard) on port 0.</summary>
    public static TestCoapServer Start(IPAddress address, Action<CoapEndpointOptions>? configure = null)
    {
        var server = new TestCoapServer(address, configure);
        server.Endpoint.Start();
        return server;
    }

    /// <summary>Adds (or replaces) the resource at <paramref name="path"/> ("a/b", no leading slash).</summary>
    public TestCoapServer WithResource(string path, ResourceHandler handler)
    {
        _resources[path.Trim('/')] = handler;
        return this;
    }

    /// <summary>A resource that answers 2.05 text/plain with <paramref name="text"/>.</summary>
    public TestCoapServer WithTextResource(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return WithResource(path, (in CoapRequestContext _, CoapResponseBuilder response) =>
            response.SetCode(CoapCode.Content).SetContentFormat(CoapContentFormat.TextPlain).WritePayload(bytes));
    }

    /// <summary>The coap:// URI of <paramref name="path"/> on this server, as seen from <paramref name="host"/> (default: the bound loopback).</summary>
    public string UriOf(string path, IPAddress? host = null)
    {
        host ??= Endpoint.LocalEndPoint.Address switch
        {
            var a when a.Equals(IPAddress.IPv6Any) => IPAddress.IPv6Loopback,
            var a when a.Equals(IPAddress.Any) => IPAddress.Loopback,
            var a => a,
        };
        string literal = host.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host.ToString();
        return $"coap://{literal}:{Port}/{path.TrimStart('/')}";
    }

    public void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response)
    {
        var message = CoapMessage.From(request.Message);
        if (!request.IsNotificationRefresh)
        {
            _received.Enqueue(new ReceivedRequest(message, request.Body.ToArray(), request.RemoteEndPoint));
        }

        if (_resources.TryGetValue(message.UriPath.TrimStart('/'), out var handler))
        {
            handler(request, response);
        }
        else
        {
            response.SetCode(CoapCode.NotFound);
        }
    }

    public async ValueTask DisposeAsync() => await Endpoint.StopAsync();
}
