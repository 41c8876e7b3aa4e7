using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Codecs;
using FastLwm2m.Transport;

namespace FastLwm2m.Lwm2m.Client.Tests;

/// <summary>
/// A real <see cref="Lwm2mServer"/> on 127.0.0.1 with every codec and the core models bound to each
/// client's registered versions, and one <see cref="Lwm2mClient"/> registered to it.
/// </summary>
internal sealed class TestBed : IAsyncDisposable
{
    /// <summary>Bound for every wait in these tests.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static readonly ObjectModelRepository Repository = ObjectModelRepository.CreateWithCoreModels();

    /// <summary>Every content format, as theory data.</summary>
    public static TheoryData<ushort> AllFormats => new(CoapContentFormat.Lwm2mTlv, CoapContentFormat.SenmlJson, CoapContentFormat.SenmlCbor, CoapContentFormat.Lwm2mCbor, CoapContentFormat.Lwm2mJson);

    /// <summary>The formats that carry composite values.</summary>
    public static TheoryData<ushort> CompositeFormats => new(CoapContentFormat.SenmlJson, CoapContentFormat.SenmlCbor, CoapContentFormat.Lwm2mCbor);

    private TestBed(Lwm2mServer server, Lwm2mClient client)
    {
        Server = server;
        Client = client;
    }

    public Lwm2mServer Server { get; }

    public Lwm2mClient Client { get; }

    /// <summary>The client's current registration on the server.</summary>
    public FastLwm2m.Lwm2m.Registration Registration => Server.Registrations.Store.GetByEndpoint(Client.EndpointName)
        ?? throw new InvalidOperationException($"{Client.EndpointName} is not registered");

    public static Lwm2mCodecs AllCodecs() => new(
    [
        TextCodec.Instance, OpaqueCodec.Instance, CborCodec.Instance, TlvCodec.Instance,
        new SenmlJsonCodec(), new SenmlCborCodec(), new Lwm2mCborCodec(), new Lwm2mJsonCodec(),
    ]);

    public static Lwm2mServer StartServer(Action<Lwm2mServerOptions>? configure = null)
    {
        var options = new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
            Codecs = AllCodecs(),
            Models = r => Repository.ForVersions(id => r.GetObjectVersion(id)),
        };
        configure?.Invoke(options);
        var server = new Lwm2mServer(options);
        server.Start();
        return server;
    }

    public static Lwm2mClientOptions ClientOptions(Lwm2mServer server, string? endpoint = null) => new()
    {
        EndpointName = endpoint ?? "client-" + Guid.NewGuid().ToString("N")[..12],
        ServerEndPoint = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port),
        LifetimeSeconds = 60,
        RetryDelay = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Given a server, and a client registered to it.</summary>
    public static async Task<TestBed> StartAsync(Action<Lwm2mClientOptions>? configureClient = null, Action<Lwm2mServerOptions>? configureServer = null)
    {
        var server = StartServer(configureServer);
        var options = ClientOptions(server);
        configureClient?.Invoke(options);
        var client = new Lwm2mClient(options);
        var registered = await client.StartAsync().WaitAsync(Timeout);
        Assert.True(registered.IsSuccess, $"Register: {registered}");
        return new TestBed(server, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.StopAsync().WaitAsync(Timeout);
        await Server.StopAsync();
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails after <see cref="Timeout"/>.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(10);
        }
    }

    public static ObjectModel Model(int objectId, Lwm2mVersion version = Lwm2mVersion.V1_1) => StandardObjects.SelectModel(Repository, objectId, version)!;
}
