using System.Net;
using System.Net.Sockets;
using FastLwm2m.Coap;
using FastLwm2m.Transport;
using Microsoft.Extensions.Logging;

namespace FastLwm2m.Lwm2m.Tests.EndToEnd;

/// <summary>
/// The registration interface on 127.0.0.1, driven by libcoap's client: register, update,
/// de-register, malformed requests, re-registration, expiry and queue mode.
/// </summary>
public class RegistrationEndToEndTests
{
    private sealed class ListLogger : ILogger
    {
        public readonly List<string> Lines = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }

    private static Lwm2mServer StartServer(ILogger? logger = null, TimeProvider? registrationClock = null)
    {
        var options = new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 2 } },
        };
        var server = new Lwm2mServer(options, logger: logger, time: registrationClock, autoTick: registrationClock is null);
        server.Coap.HandlerFailed += e => Console.Error.WriteLine($"handler failed: {e}");
        server.Start();
        return server;
    }

    private static string Uri(Lwm2mServer server, string pathAndQuery) => $"coap://127.0.0.1:{server.LocalEndPoint.Port}/{pathAndQuery}";

    [Fact]
    public async Task LibcoapClient_RegistersUpdatesAndDeregisters()
    {
        var logger = new ListLogger();
        await using var server = StartServer(logger);

        var register = await CoapClient.RunAsync("-v", "6", "-m", "post", "-t", "40", "-e", "</1/0>,</3/0>", Uri(server, "rd?ep=x&lt=60&lwm2m=1.1&b=U"));

        var registration = server.Registrations.Store.GetByEndpoint("x");
        Assert.NotNull(registration);
        Assert.Contains($"Location-Path:rd, Location-Path:{registration!.Id}", register.All);
        Assert.Contains("c:2.01", register.All);
        Assert.Equal(60u, registration.LifetimeSeconds);
        Assert.Equal(Lwm2mVersion.V1_1, registration.Version);
        Assert.Equal([(1, new ObjectVersion(1, 0)), (3, new ObjectVersion(1, 0))], registration.SupportedObjects);
        Assert.Contains(logger.Lines, l => l.Contains($"Client registered with registration id: [{registration.Id}] LwM2mVersion: [1.1], SupportedObjectIdVer [{{1=1.0, 3=1.0}}] QueueMode [false], BindingMode [U]"));

        var update = await CoapClient.RunAsync("-v", "6", "-m", "post", Uri(server, $"rd/{registration.Id}?lt=120"));
        Assert.Contains("c:2.04", update.All);
        Assert.Equal(120u, server.Registrations.Store.GetByEndpoint("x")!.LifetimeSeconds);

        var deregister = await CoapClient.RunAsync("-v", "6", "-m", "delete", Uri(server, $"rd/{registration.Id}"));
        Assert.Contains("c:2.02", deregister.All);
        Assert.Null(server.Registrations.Store.GetByEndpoint("x"));

        var counters = server.Registrations.GetCounters();
        Assert.Equal((1, 1, 1, 0), (counters.Registrations, counters.Updates, counters.Deregistrations, counters.Current));
    }

    [Fact]
    public async Task MalformedRegistration_IsAnswered400WithADiagnostic_AndCounted()
    {
        await using var server = StartServer();

        var missingEp = await CoapClient.RunAsync("-m", "post", "-t", "40", "-e", "</1/0>", Uri(server, "rd?lt=60"));
        var badVersion = await CoapClient.RunAsync("-m", "post", "-t", "40", "-e", "</1/0>", Uri(server, "rd?ep=y&lwm2m=9.9"));
        var badPayload = await CoapClient.RunAsync("-m", "post", "-t", "40", "-e", "</1/0", Uri(server, "rd?ep=z"));

        Assert.Contains("4.00", missingEp.All);
        Assert.Contains("missing endpoint client name (ep)", missingEp.All);
        Assert.Contains("unsupported LwM2M version (lwm2m=9.9)", badVersion.All);
        Assert.Contains("invalid link format", badPayload.All);
        Assert.Equal(3, server.Registrations.GetCounters().Rejected);
        Assert.Equal(0, server.Registrations.Store.Count);
    }

    [Fact]
    public async Task UpdateOrDeregisterOfAnUnknownId_IsAnswered404()
    {
        await using var server = StartServer();

        var update = await CoapClient.RunAsync("-m", "post", Uri(server, "rd/doesnotexist"));
        var delete = await CoapClient.RunAsync("-m", "delete", Uri(server, "rd/doesnotexist"));

        Assert.Contains("4.04", update.All);
        Assert.Contains("4.04", delete.All);
    }

    [Fact]
    public async Task Reregistration_ReplacesTheOldRegistration()
    {
        await using var server = StartServer();

        await CoapClient.RunAsync("-m", "post", "-t", "40", "-e", "</3/0>", Uri(server, "rd?ep=again&lt=60"));
        var first = server.Registrations.Store.GetByEndpoint("again")!;
        await CoapClient.RunAsync("-m", "post", "-t", "40", "-e", "</3/0>,</5/0>", Uri(server, "rd?ep=again&lt=60"));
        var second = server.Registrations.Store.GetByEndpoint("again")!;

        Assert.NotEqual(first.Id, second.Id);
        Assert.Null(server.Registrations.Store.GetById(first.Id));
        Assert.Equal(1, server.Registrations.Store.Count);
        Assert.Equal(2, second.SupportedObjects.Count);
    }

    [Fact]
    public async Task Registration_ExpiresAfterItsLifetime_OnAFakeClock()
    {
        var clock = new ManualTimeProvider();
        await using var server = StartServer(registrationClock: clock);
        await CoapClient.RunAsync("-m", "post", "-t", "40", "-e", "</3/0>", Uri(server, "rd?ep=short&lt=30"));
        Assert.NotNull(server.Registrations.Store.GetByEndpoint("short"));

        clock.Advance(TimeSpan.FromSeconds(29));
        server.Registrations.Tick();
        Assert.NotNull(server.Registrations.Store.GetByEndpoint("short"));

        clock.Advance(TimeSpan.FromSeconds(2));
        server.Registrations.Tick();
        Assert.Null(server.Registrations.Store.GetByEndpoint("short"));
        Assert.Equal(1, server.Registrations.GetCounters().Expirations);
    }

    [Fact]
    public async Task QueueMode_RequestWaitsUntilTheClientUpdates_ThenGoesOut()
    {
        var clock = new ManualTimeProvider();
        await using var server = StartServer(registrationClock: clock);
        using var device = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        device.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        device.ReceiveTimeout = 10_000;
        var serverAddress = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port);

        CoapMessage Exchange(CoapMessage request)
        {
            device.SendTo(request.ToArray(), serverAddress);
            var buffer = new byte[2048];
            int n = device.Receive(buffer);
            return CoapMessage.TryDecode(buffer.AsSpan(0, n))!;
        }

        var register = CoapMessage.Request(CoapCode.Post, "rd").AddUriQuery("ep=sleepy").AddUriQuery("lt=300").AddUriQuery("lwm2m=1.1").AddUriQuery("Q");
        register.MessageId = 1;
        register.Token = new CoapToken([1]);
        register.ContentFormat = CoapContentFormat.LinkFormat;
        register.Payload = "</3/0>"u8.ToArray();
        var created = Exchange(register);
        Assert.Equal(CoapCode.Created, created.Code);
        var registration = server.Registrations.Store.GetByEndpoint("sleepy")!;
        Assert.True(registration.QueueMode);

        // The device goes to sleep: past the awake window, a request must wait.
        clock.Advance(TimeSpan.FromSeconds(94));
        var read = server.SendAsync(registration, CoapMessage.Request(CoapCode.Get, "3/0/9"));
        Assert.False(read.IsCompleted);
        Assert.Equal(1, server.QueuedRequestCount("sleepy"));

        // It wakes up and sends an Update: the queued Read follows.
        var update = CoapMessage.Request(CoapCode.Post, $"rd/{registration.Id}");
        update.MessageId = 2;
        update.Token = new CoapToken([2]);
        device.SendTo(update.ToArray(), serverAddress);
        var buffer = new byte[2048];
        CoapMessage? queued = null;
        for (int i = 0; i < 2 && queued is null; i++)
        {
            int n = device.Receive(buffer);
            var m = CoapMessage.TryDecode(buffer.AsSpan(0, n))!;
            if (m.Code.IsRequest)
            {
                queued = m;
            }
        }

        Assert.NotNull(queued);
        Assert.Equal("/3/0/9", queued!.UriPath);
        var content = new CoapMessage(CoapCode.Content, CoapMessageType.Acknowledgement) { MessageId = queued.MessageId, Token = queued.Token, Payload = "87"u8.ToArray() };
        device.SendTo(content.ToArray(), serverAddress);

        var result = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(CoapResultStatus.Response, result.Status);
        Assert.Equal("87", result.Response!.PayloadText);
        Assert.Equal(0, server.QueuedRequestCount("sleepy"));
    }

    [Fact]
    public async Task QueueMode_AnyMessageFromTheClient_WakesIt()
    {
        var clock = new ManualTimeProvider();
        await using var server = StartServer(registrationClock: clock);
        using var device = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        device.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        device.ReceiveTimeout = 10_000;
        var serverAddress = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port);
        var buffer = new byte[2048];

        var register = CoapMessage.Request(CoapCode.Post, "rd").AddUriQuery("ep=pinger").AddUriQuery("lwm2m=1.1").AddUriQuery("Q");
        register.MessageId = 10;
        register.Token = new CoapToken([7]);
        register.Payload = "</3/0>"u8.ToArray();
        device.SendTo(register.ToArray(), serverAddress);
        Assert.Equal(CoapCode.Created, CoapMessage.TryDecode(buffer.AsSpan(0, device.Receive(buffer)))!.Code);
        var registration = server.Registrations.Store.GetByEndpoint("pinger")!;

        clock.Advance(TimeSpan.FromSeconds(100));
        var read = server.SendAsync(registration, CoapMessage.Request(CoapCode.Get, "3/0/0"));
        Assert.Equal(1, server.QueuedRequestCount("pinger"));

        // A CoAP ping (empty CON): answered RST, and the client counts as awake.
        device.SendTo(new byte[] { 0x40, 0x00, 0x00, 0x11 }, serverAddress);
        CoapMessage? queued = null;
        for (int i = 0; i < 2 && queued is null; i++)
        {
            var m = CoapMessage.TryDecode(buffer.AsSpan(0, device.Receive(buffer)))!;
            queued = m.Code.IsRequest ? m : null;
        }

        Assert.Equal("/3/0/0", queued!.UriPath);
        device.SendTo(new CoapMessage(CoapCode.Content, CoapMessageType.Acknowledgement) { MessageId = queued.MessageId, Token = queued.Token, Payload = "Acme"u8.ToArray() }.ToArray(), serverAddress);
        Assert.Equal("Acme", (await read.WaitAsync(TimeSpan.FromSeconds(10))).Response!.PayloadText);
    }

    private sealed class OnlyKnownEndpoints(params string[] known) : IRegistrationAuthorizer
    {
        public string? Authorize(RegistrationParameters parameters, SocketAddress client) =>
            known.Contains(parameters.Endpoint) ? null : $"unknown endpoint {parameters.Endpoint}";
    }

    [Fact]
    public async Task RegistrationRefusedByTheAuthorizer_IsAnswered403WithTheReason()
    {
        var options = new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
            Authorizer = new OnlyKnownEndpoints("known"),
        };
        await using var server = new Lwm2mServer(options);
        server.Start();

        var refused = await CoapClient.RunAsync("-m", "post", "-t", "40", "-e", "</3/0>", Uri(server, "rd?ep=stranger"));
        var accepted = await CoapClient.RunAsync("-v", "6", "-m", "post", "-t", "40", "-e", "</3/0>", Uri(server, "rd?ep=known"));

        Assert.Contains("4.03", refused.All);
        Assert.Contains("unknown endpoint stranger", refused.All);
        Assert.Contains("c:2.01", accepted.All);
        Assert.Null(server.Registrations.Store.GetByEndpoint("stranger"));
        Assert.NotNull(server.Registrations.Store.GetByEndpoint("known"));
        Assert.Equal(1, server.Registrations.GetCounters().Rejected);
    }
}
