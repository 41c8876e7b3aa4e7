using System.Net;

namespace FastLwm2m.Transport.Tests;

public sealed class UdpEndpointOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndAsDocumented()
    {
        var options = new UdpEndpointOptions();

        options.Validate();
        Assert.Equal(IPAddress.IPv6Any, options.Address);
        Assert.Equal(0, options.Port);
        Assert.Equal(Environment.ProcessorCount, options.LoopCount);
        Assert.Equal(4 * 1024 * 1024, options.ReceiveBufferBytes);
        Assert.Equal(4 * 1024 * 1024, options.SendBufferBytes);
        Assert.Equal(65_535, options.MaxDatagramBytes);
        Assert.Equal(10, options.TimerTickMilliseconds);
        Assert.Equal(1024, options.TimerSlots);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.True(options.AutoTick);
    }

    public static TheoryData<string, Action<UdpEndpointOptions>> InvalidOptions => new()
    {
        { nameof(UdpEndpointOptions.Address), o => o.Address = null! },
        { nameof(UdpEndpointOptions.Port), o => o.Port = -1 },
        { nameof(UdpEndpointOptions.Port), o => o.Port = 65_536 },
        { nameof(UdpEndpointOptions.LoopCount), o => o.LoopCount = 0 },
        { nameof(UdpEndpointOptions.LoopCount), o => o.LoopCount = 257 },
        { nameof(UdpEndpointOptions.ReceiveBufferBytes), o => o.ReceiveBufferBytes = 0 },
        { nameof(UdpEndpointOptions.SendBufferBytes), o => o.SendBufferBytes = -1 },
        { nameof(UdpEndpointOptions.MaxDatagramBytes), o => o.MaxDatagramBytes = 63 },
        { nameof(UdpEndpointOptions.MaxDatagramBytes), o => o.MaxDatagramBytes = 65_536 },
        { nameof(UdpEndpointOptions.TimerTickMilliseconds), o => o.TimerTickMilliseconds = 0 },
        { nameof(UdpEndpointOptions.TimerTickMilliseconds), o => o.TimerTickMilliseconds = 1_001 },
        { nameof(UdpEndpointOptions.TimerSlots), o => o.TimerSlots = 0 },
        { nameof(UdpEndpointOptions.TimerSlots), o => o.TimerSlots = (1 << 20) + 1 },
        { nameof(UdpEndpointOptions.TimeProvider), o => o.TimeProvider = null! },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidOption_ThrowsNamingTheOption(string name, Action<UdpEndpointOptions> spoil)
    {
        var options = new UdpEndpointOptions();
        spoil(options);

        ArgumentException exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(name, exception.ParamName);
        Assert.StartsWith($"FastLwm2m transport option '{name}' ", exception.Message);
    }

    [Fact]
    public void Validate_LoopCountZero_SaysWhatIsAllowedAndWhatWasGiven()
    {
        var options = new UdpEndpointOptions { LoopCount = 0 };

        ArgumentException exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("FastLwm2m transport option 'LoopCount' must be between 1 and 256, got 0.", exception.Message);
    }

    [Fact]
    public void Validate_BoundaryValues_AreAccepted()
    {
        new UdpEndpointOptions
        {
            Address = IPAddress.Loopback,
            Port = 65_535,
            LoopCount = 256,
            ReceiveBufferBytes = 1,
            SendBufferBytes = 1,
            MaxDatagramBytes = 64,
            TimerTickMilliseconds = 1_000,
            TimerSlots = 1 << 20,
        }.Validate();

        new UdpEndpointOptions { LoopCount = 1, MaxDatagramBytes = 65_535, TimerTickMilliseconds = 1, TimerSlots = 1 }.Validate();
    }

    [Fact]
    public void UdpEndpointConstructor_InvalidOption_ThrowsNamingTheOption()
    {
        var options = new UdpEndpointOptions { TimerSlots = 0 };

        ArgumentException exception = Assert.Throws<ArgumentException>(() => new UdpEndpoint(options, _ => new TestSupport.EchoHandler()));

        Assert.Contains("'TimerSlots'", exception.Message);
    }
}
