using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Transport;

namespace FastLwm2m.Load.Tests;

/// <summary>
/// The harness against the real LwM2M server, in process on 127.0.0.1: a correctness test (every
/// client registered, nothing lost), not a speed one. No rate or time is asserted.
/// </summary>
public sealed class LoadAgainstServerTests
{
    private static Lwm2mServer StartServer()
    {
        var server = new Lwm2mServer(new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Any, Port = 0, LoopCount = 2 } },
        });
        server.Start();
        return server;
    }

    private static LoadOptions Options(LoadScenario scenario, int port) => new()
    {
        Scenario = scenario,
        Clients = 300,
        Port = port,
        Warmup = TimeSpan.FromSeconds(0.5),
        Ramp = TimeSpan.FromSeconds(0.2),
        Duration = TimeSpan.FromSeconds(1.5),
        WaitReady = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task RegisterStorm_EveryClientRegisters_AndTheServerCountsEveryRegistrationTheClientsSaw()
    {
        await using var server = StartServer();

        var result = LoadRunner.Run(Options(LoadScenario.Register, server.LocalEndPoint.Port));

        Assert.Equal(300, result.ClientsRegistered);
        Assert.Equal(0, result.Timeouts);
        Assert.Equal(0, result.Errors);
        Assert.True(result.Registrations > 0);

        // Every 2.01 a client received is a registration the server made (warm-up ones included).
        var counters = server.Registrations.GetCounters();
        Assert.True(counters.Registrations >= result.Registrations, $"server {counters.Registrations} < clients {result.Registrations}");
        Assert.True(counters.Current <= 300);
        Assert.Equal(0, counters.Rejected);
    }

    [Fact]
    public async Task UpdateStorm_AllClientsStayRegistered_AndNoUpdateIsLost()
    {
        await using var server = StartServer();

        var result = LoadRunner.Run(Options(LoadScenario.Update, server.LocalEndPoint.Port));

        Assert.Equal(300, result.ClientsRegistered);
        Assert.Equal(0, result.Timeouts);
        Assert.Equal(0, result.Errors);
        Assert.True(result.Operations > 0);
        var counters = server.Registrations.GetCounters();
        Assert.Equal(300, counters.Current);
        Assert.Equal(300, counters.Registrations);
        Assert.True(counters.Updates >= result.Operations, $"server {counters.Updates} < clients {result.Operations}");
    }
}
