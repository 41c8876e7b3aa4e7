using System.Net;
using System.Text;
using FastLwm2m.Coap;
using FastLwm2m.Transport;

namespace FastLwm2m.Lwm2m.Client.Tests.Errors;

/// <summary>
/// A device that answers garbage: the server reports it as <see cref="Lwm2mOutcome.BadResponse"/>
/// with the reason, never throws.
/// </summary>
public class BadDeviceTests
{
    private sealed class GarbageHandler : ICoapRequestHandler
    {
        public void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response)
        {
            if (request.Method == CoapCode.Fetch)
            {
                response.SetCode(CoapCode.Content).SetContentFormat(CoapContentFormat.SenmlCbor).WritePayload([0xFF, 0x00, 0x9F]);
            }
            else if (request.Message.TryGetUInt32(CoapOptionNumber.Accept, out uint accept) && accept == CoapContentFormat.LinkFormat)
            {
                response.SetCode(CoapCode.Content).SetContentFormat(CoapContentFormat.LinkFormat).WritePayload("</3/0>;<<garbage".AsSpan());
            }
            else
            {
                // A resource TLV announcing 5 bytes of value, carrying 1.
                response.SetCode(CoapCode.Content).SetContentFormat(CoapContentFormat.Lwm2mTlv).WritePayload([0xC5, 0x00, 0x41]);
            }
        }
    }

    private static async Task<(CoapEndpoint Device, FastLwm2m.Lwm2m.Registration Registration)> RegisterGarbageDevice(Lwm2mServer server)
    {
        var device = new CoapEndpoint(new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } }, new GarbageHandler());
        device.Start();
        var register = CoapMessage.Request(CoapCode.Post, "rd").AddUriQuery("ep=garbage").AddUriQuery("lt=60").AddUriQuery("lwm2m=1.1");
        register.ContentFormat = CoapContentFormat.LinkFormat;
        register.Payload = Encoding.UTF8.GetBytes("</3/0>");
        var result = await device.SendAsync(register, new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port)).WaitAsync(TestBed.Timeout);
        Assert.Equal(CoapCode.Created, result.Response!.Code);
        return (device, server.Registrations.Store.GetByEndpoint("garbage")!);
    }

    [Fact]
    public async Task GarbageTlv_IsABadResponse()
    {
        await using var server = TestBed.StartServer();
        var (device, registration) = await RegisterGarbageDevice(server);
        await using var _ = device;

        var read = await server.ReadAsync(registration, Lwm2mPath.Parse("/3/0"), CoapContentFormat.Lwm2mTlv).WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mOutcome.BadResponse, read.Outcome);
        Assert.False(string.IsNullOrEmpty(read.ErrorMessage));
    }

    [Fact]
    public async Task GarbageSenmlAndLinkFormat_AreBadResponses()
    {
        await using var server = TestBed.StartServer();
        var (device, registration) = await RegisterGarbageDevice(server);
        await using var _ = device;

        var composite = await server.ReadCompositeAsync(registration, [Lwm2mPath.Parse("/3/0/9")]).WaitAsync(TestBed.Timeout);
        var discover = await server.DiscoverAsync(registration, Lwm2mPath.Parse("/3")).WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mOutcome.BadResponse, composite.Outcome);
        Assert.Equal(Lwm2mOutcome.BadResponse, discover.Outcome);
    }
}
