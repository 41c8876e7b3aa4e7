using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Lwm2m.Codecs;
using FastLwm2m.Platform.Rpc;
using FastLwm2m.Transport;

namespace FastLwm2m.Platform.Tests.TestSupport;

/// <summary>
/// A real <see cref="Lwm2mServer"/> on 127.0.0.1, an <see cref="RpcService"/> over it with the
/// guide's keys, and one <see cref="Lwm2mClient"/> registered like the guide's device: LwM2M 1.2
/// with Device 1.0, Server 1.2, Firmware Update 1.2 and Binary App Data Container 1.1.
/// </summary>
internal sealed class RpcTestBed : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The guide's device models: the core models, Device only in 1.0, and a 1.1 of object 19.</summary>
    public static readonly ObjectModelRepository Repository = GuideModels();

    /// <summary>The keys the guide's examples use.</summary>
    public static readonly DictionaryRpcKeyResolver Keys = new(new Dictionary<string, string>
    {
        ["batteryLevel"] = "/3/0/9",
        ["timezone"] = "/3/0/15",
        ["UtfOffset"] = "/3/0/14",
        ["state"] = "/5/0/3",
        ["updateResult"] = "/5/0/5",
        ["pkgversion"] = "/5/0/7",
    });

    private RpcTestBed(Lwm2mServer server, Lwm2mClient client)
    {
        Server = server;
        Client = client;
        Rpc = new RpcService(server, Keys, r => Repository.ForVersions(r.GetObjectVersion));
    }

    public Lwm2mServer Server { get; }

    public Lwm2mClient Client { get; }

    public RpcService Rpc { get; }

    public Registration Registration => Server.Registrations.Store.GetByEndpoint(Client.EndpointName)
        ?? throw new InvalidOperationException($"{Client.EndpointName} is not registered");

    /// <summary>Given a server, and the guide's device registered to it.</summary>
    public static async Task<RpcTestBed> StartAsync(Lwm2mVersion version = Lwm2mVersion.V1_2)
    {
        var options = new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
            Codecs = new Lwm2mCodecs(
            [
                TextCodec.Instance, OpaqueCodec.Instance, CborCodec.Instance, TlvCodec.Instance,
                new SenmlJsonCodec(), new SenmlCborCodec(), new Lwm2mCborCodec(), new Lwm2mJsonCodec(),
            ]),
            Models = r => Repository.ForVersions(r.GetObjectVersion),
        };
        var server = new Lwm2mServer(options);
        server.Start();
        var client = new Lwm2mClient(new Lwm2mClientOptions
        {
            EndpointName = "rpc-" + Guid.NewGuid().ToString("N")[..12],
            ServerEndPoint = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port),
            LifetimeSeconds = 60,
            RetryDelay = TimeSpan.FromMilliseconds(200),
            Version = version,
            Models = Repository,
        });
        var registered = await client.StartAsync().WaitAsync(Timeout);
        Assert.True(registered.IsSuccess, $"Register: {registered}");
        client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(100));
        return new RpcTestBed(server, client);
    }

    /// <summary>Sends a line of the guide's debug terminal.</summary>
    public async Task<RpcResult> Send(string line) => await Rpc.ExecuteLineAsync(Registration, line).WaitAsync(Timeout);

    /// <summary>Sends a line and returns the JSON result.</summary>
    public async Task<string> Json(string line) => (await Send(line)).ToJson();

    public async ValueTask DisposeAsync()
    {
        await Client.StopAsync().WaitAsync(Timeout);
        await Server.StopAsync();
    }

    private static ObjectModelRepository GuideModels()
    {
        var core = ObjectModelRepository.CreateWithCoreModels();
        var models = core.All.Where(m => m.Id != 3 || m.Version == ObjectVersion.Default).ToList();
        var container = core.GetLatest(19)!;
        models.Add(container with { Version = new ObjectVersion(1, 1), Lwm2mVersion = "1.1", Urn = "urn:oma:lwm2m:oma:19:1.1" });
        return new ObjectModelRepository(models);
    }
}
