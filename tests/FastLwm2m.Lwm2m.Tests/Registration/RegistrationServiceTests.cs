using System.Net;

namespace FastLwm2m.Lwm2m.Tests.Registration;

public class RegistrationServiceTests
{
    private static readonly SocketAddress Peer = new IPEndPoint(IPAddress.Loopback, 40000).Serialize();

    private static RegistrationParameters Params(string ep, uint lt = 60) => new()
    {
        Endpoint = ep,
        LifetimeSeconds = lt,
        Version = Lwm2mVersion.V1_1,
        Objects = [(3 << 16) | 0x0102],
        Instances = [3u << 16],
    };

    [Fact]
    public void Registration_ExpiresWhenItsLifetimePassesWithoutUpdate()
    {
        var clock = new ManualTimeProvider();
        using var service = new RegistrationService(new InMemoryRegistrationStore(), new RegistrationOptions(), clock, autoTick: false);
        var ended = new List<(string, DeregistrationReason)>();
        service.Deregistered += (r, why) => ended.Add((r.Endpoint, why));
        var registration = service.Register(Params("dev", lt: 60), Peer);

        clock.Advance(TimeSpan.FromSeconds(59));
        service.Tick();
        Assert.NotNull(service.Store.GetById(registration.Id));

        clock.Advance(TimeSpan.FromSeconds(2));
        service.Tick();
        Assert.Null(service.Store.GetById(registration.Id));
        Assert.Equal([("dev", DeregistrationReason.Expired)], ended);
        Assert.Equal(1, service.GetCounters().Expirations);
    }

    [Fact]
    public void Update_PostponesExpiry()
    {
        var clock = new ManualTimeProvider();
        using var service = new RegistrationService(new InMemoryRegistrationStore(), new RegistrationOptions(), clock, autoTick: false);
        var registration = service.Register(Params("dev", lt: 60), Peer);

        for (int i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(50));
            service.Tick();
            Assert.Same(registration, service.Update(registration.Id, null, Peer));
        }

        clock.Advance(TimeSpan.FromSeconds(50));
        service.Tick();
        Assert.NotNull(service.Store.GetById(registration.Id));
        clock.Advance(TimeSpan.FromSeconds(11));
        service.Tick();
        Assert.Null(service.Store.GetById(registration.Id));
    }

    [Fact]
    public void UpdateWithNewLifetime_ReplacesTheRegistrationAndItsExpiry()
    {
        var clock = new ManualTimeProvider();
        using var service = new RegistrationService(new InMemoryRegistrationStore(), new RegistrationOptions(), clock, autoTick: false);
        var registration = service.Register(Params("dev", lt: 60), Peer);

        var updated = service.Update(registration.Id, new RegistrationParameters { LifetimeSeconds = 600 }, Peer);

        Assert.NotNull(updated);
        Assert.NotSame(registration, updated);
        Assert.Equal(600u, updated!.LifetimeSeconds);
        Assert.Equal(registration.Id, updated.Id);
        clock.Advance(TimeSpan.FromSeconds(300));
        service.Tick();
        Assert.Same(updated, service.Store.GetByEndpoint("dev"));
    }

    [Fact]
    public void Reregistration_ReplacesTheOldRegistration()
    {
        using var service = new RegistrationService(new InMemoryRegistrationStore(), new RegistrationOptions(), new ManualTimeProvider(), autoTick: false);
        var events = new List<string>();
        service.Registered += (r, replaced) => events.Add($"registered {r.Id} replacing {replaced?.Id ?? "none"}");
        service.Deregistered += (r, why) => events.Add($"{why} {r.Id}");

        var first = service.Register(Params("dev"), Peer);
        var second = service.Register(Params("dev"), Peer);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Null(service.Store.GetById(first.Id));
        Assert.Same(second, service.Store.GetByEndpoint("dev"));
        Assert.Equal(1, service.Store.Count);
        Assert.Equal([$"registered {first.Id} replacing none", $"Replaced {first.Id}", $"registered {second.Id} replacing {first.Id}"], events);
    }

    [Fact]
    public void UnknownId_UpdateAndDeregisterReturnNull()
    {
        using var service = new RegistrationService(new InMemoryRegistrationStore(), new RegistrationOptions(), new ManualTimeProvider(), autoTick: false);
        Assert.Null(service.Update("nope", null, Peer));
        Assert.Null(service.Deregister("nope"));
    }

    [Fact]
    public void RegistrationIds_AreRandomBase62OfTenCharacters()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => RegistrationService.NewId()).ToList();
        Assert.All(ids, id => Assert.Matches("^[0-9A-Za-z]{10}$", id));
        Assert.Equal(1000, ids.Distinct().Count());
    }

    [Fact]
    public void LogLine_MatchesTheFunctionalReference()
    {
        using var service = new RegistrationService(new InMemoryRegistrationStore(), new RegistrationOptions(), new ManualTimeProvider(), autoTick: false);
        var r = service.Register(new RegistrationParameters
        {
            Endpoint = "MyClientNoSec",
            Version = Lwm2mVersion.V1_1,
            Binding = BindingMode.U | BindingMode.T,
            Objects = [(1 << 16) | 0x0101, (3 << 16) | 0x0102, (19 << 16) | 0x0100],
        }, Peer);

        Assert.Equal(
            $"Client registered with registration id: [{r.Id}] LwM2mVersion: [1.1], SupportedObjectIdVer [{{1=1.1, 3=1.2, 19=1.0}}] QueueMode [false], BindingMode [U, T]",
            r.RegisteredLogLine());
        Assert.Equal(new ObjectVersion(1, 2), r.GetObjectVersion(3));
        Assert.Null(r.GetObjectVersion(4));
    }
}
