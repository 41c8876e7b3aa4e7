using System.Net;

namespace FastLwm2m.Load.Tests;

public sealed class LoadOptionsTests
{
    [Fact]
    public void Parse_EveryOption_IsRead()
    {
        var options = LoadOptions.Parse(
        [
            "update", "--clients", "10000", "--duration", "12.5", "--warmup", "3", "--ramp", "1", "--host", "127.0.0.1",
            "--port", "5700", "--threads", "2", "--transport", "sockets", "--think-ms", "250", "--ack-timeout", "1.5",
            "--max-retransmit", "3", "--lifetime", "60", "--endpoint-prefix", "dev-", "--server-pid", "42", "--wait-ready", "0",
        ]);

        Assert.Equal(LoadScenario.Update, options.Scenario);
        Assert.Equal(10000, options.Clients);
        Assert.Equal(TimeSpan.FromSeconds(12.5), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Warmup);
        Assert.Equal(TimeSpan.FromSeconds(1), options.EffectiveRamp);
        Assert.Equal(5700, options.Port);
        Assert.Equal(2, options.Threads);
        Assert.Equal(LoadTransport.Sockets, options.Transport);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Think);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.AckTimeout);
        Assert.Equal(3, options.MaxRetransmit);
        Assert.Equal(60, options.Lifetime);
        Assert.Equal("dev-", options.EndpointPrefix);
        Assert.Equal(42, options.ServerPid);
        Assert.Equal(TimeSpan.Zero, options.WaitReady);
    }

    [Fact]
    public void Parse_Baseline_WithoutPort_LetsTheResponderPickOne()
    {
        Assert.Equal(0, LoadOptions.Parse(["register", "--baseline"]).Port);
        Assert.Equal(6000, LoadOptions.Parse(["register", "--baseline", "--port", "6000"]).Port);
    }

    [Theory]
    [InlineData("observe")]
    [InlineData("register", "--clients")]
    [InlineData("register", "--clients", "many")]
    [InlineData("register", "--bogus")]
    [InlineData("register", "--transport", "carrier-pigeon")]
    public void Parse_BadArguments_Throw(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(args));
    }

    [Fact]
    public void Validate_NonLoopbackHost_IsRefusedUnlessAllowed()
    {
        var remote = new LoadOptions { Host = "192.0.2.10" };

        var error = Assert.Throws<ArgumentException>(() => remote.Validate());
        Assert.Contains("--allow-remote", error.Message);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), (remote with { AllowRemote = true }).Validate());
    }

    [Fact]
    public void ResolveTransport_Auto_IsAddressesOnLoopbackAndSocketsElsewhere()
    {
        var options = new LoadOptions();

        Assert.Equal(LoadTransport.Addresses, options.ResolveTransport(IPAddress.Loopback));
        Assert.Equal(LoadTransport.Sockets, options.ResolveTransport(IPAddress.Parse("192.0.2.10")));
    }

    [Fact]
    public void Validate_AddressesTransportToARemoteHost_IsRefused()
    {
        var options = new LoadOptions { Host = "192.0.2.10", AllowRemote = true, Transport = LoadTransport.Addresses };

        Assert.Throws<ArgumentException>(() => options.Validate());
    }

    [Theory]
    [InlineData(0, 5685)]
    [InlineData(10, 0)]
    public void Validate_BadCountsOrPort_AreRefused(int clients, int port)
    {
        Assert.Throws<ArgumentException>(() => new LoadOptions { Clients = clients, Port = port }.Validate());
    }

    [Fact]
    public void Validate_SourceBaseOutsideLoopback_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new LoadOptions { SourceBase = IPAddress.Parse("10.0.0.1") }.Validate());
    }

    [Fact]
    public void Slice_SplitsClientsContiguously()
    {
        var slices = Enumerable.Range(0, 3).Select(s => LoadRunner.Slice(10, 3, s)).ToArray();

        Assert.Equal([(0, 3), (3, 3), (6, 4)], slices);
    }
}
