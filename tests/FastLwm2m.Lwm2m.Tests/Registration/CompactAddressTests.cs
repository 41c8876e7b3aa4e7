using System.Net;
using FastLwm2m.Lwm2m.Internal;

namespace FastLwm2m.Lwm2m.Tests.Registration;

public class CompactAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", 5683)]
    [InlineData("10.1.2.3", 1)]
    [InlineData("::1", 65535)]
    [InlineData("::ffff:192.168.1.20", 40000)]
    [InlineData("2001:db8::1234:5678", 5684)]
    public void FromSocketAddress_RoundTripsToTheSameEndPoint(string ip, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(ip), port);
        var compact = CompactAddress.From(endPoint.Serialize());
        Assert.Equal(endPoint, compact.ToIPEndPoint());
    }

    [Fact]
    public void DifferentPortsOrAddresses_AreNotEqual()
    {
        var a = CompactAddress.From(new IPEndPoint(IPAddress.Loopback, 1000).Serialize());
        Assert.Equal(a, CompactAddress.From(new IPEndPoint(IPAddress.Loopback, 1000).Serialize()));
        Assert.NotEqual(a, CompactAddress.From(new IPEndPoint(IPAddress.Loopback, 1001).Serialize()));
        Assert.NotEqual(a, CompactAddress.From(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 1000).Serialize()));
    }

    [Fact]
    public void UpdateFromANewAddress_MovesTheRegistration()
    {
        using var service = new RegistrationService(new InMemoryRegistrationStore(), new RegistrationOptions(), new ManualTimeProvider(), autoTick: false);
        var first = new IPEndPoint(IPAddress.Loopback, 40000);
        var second = new IPEndPoint(IPAddress.Loopback, 40001); // NAT rebinding
        var r = service.Register(new RegistrationParameters { Endpoint = "nat", Objects = [(3 << 16) | 0x0100] }, first.Serialize());

        var updated = service.Update(r.Id, null, second.Serialize());

        Assert.NotSame(r, updated);
        Assert.Equal(second, updated!.EndPoint);
        Assert.Equal(new ObjectVersion(1, 0), updated.GetObjectVersion(3));
    }
}
