using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FastLwm2m.Coap;
using FastLwm2m.Transport;

namespace FastLwm2m.Lwm2m.Client.Tests.Observe;

/// <summary>
/// Cancel of an Observe-Composite: the server's active cancel (FETCH with Observe = 1) must carry
/// the same payload as the FETCH that registered it (RFC 7641 §3.6: same options; RFC 8132 §2: the
/// FETCH payload is part of what identifies the request). Regression tests: the CoAP engine once
/// copied a FETCH for cancel, re-registration and Block2 follow-ups without its body, and a client
/// could not tell which paths were meant (4.00).
/// </summary>
public class ObserveCompositeCancelTests
{
    /// <summary>A device that records the body of every FETCH it receives and answers the observe.</summary>
    private sealed class RecordingDevice : ICoapRequestHandler
    {
        private readonly ObservableResource _resource = new("composite");

        public ConcurrentQueue<(uint? Observe, byte[] Body)> Fetches { get; } = new();

        public void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response)
        {
            if (request.Method != CoapCode.Fetch)
            {
                response.SetCode(CoapCode.NotFound);
                return;
            }

            uint? observe = request.Message.TryGetUInt32(CoapOptionNumber.Observe, out uint o) ? o : null;
            if (!request.IsNotificationRefresh)
            {
                Fetches.Enqueue((observe, request.Body.ToArray()));
            }

            if (request.Body.IsEmpty)
            {
                response.SetCode(CoapCode.BadRequest);
                return;
            }

            response.SetCode(CoapCode.Content).SetContentFormat(CoapContentFormat.SenmlJson).WritePayload("[{\"n\":\"/3/0/9\",\"v\":100}]"u8);
            response.AcceptObservation(_resource);
        }
    }

    [Fact]
    public async Task ActiveCancelOfAnObserveComposite_CarriesTheObservedPaths()
    {
        await using var server = TestBed.StartServer();
        var handler = new RecordingDevice();
        await using var device = new CoapEndpoint(new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } }, handler);
        device.Start();
        var register = CoapMessage.Request(CoapCode.Post, "rd").AddUriQuery("ep=fetch-device").AddUriQuery("lt=60").AddUriQuery("lwm2m=1.1");
        register.ContentFormat = CoapContentFormat.LinkFormat;
        register.Payload = Encoding.UTF8.GetBytes("</3/0>");
        var registered = await device.SendAsync(register, new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port)).WaitAsync(TestBed.Timeout);
        Assert.Equal(CoapCode.Created, registered.Response!.Code);
        var registration = server.Registrations.Store.GetByEndpoint("fetch-device")!;

        var observe = await server.ObserveCompositeAsync(registration, [Lwm2mPath.Parse("/3/0/9")], CoapContentFormat.SenmlJson).WaitAsync(TestBed.Timeout);
        Assert.True(observe.IsSuccess, observe.ToString());
        var cancel = await server.CancelObservationAsync(observe.Observation!).WaitAsync(TestBed.Timeout);

        var fetches = handler.Fetches.ToArray();
        Assert.Equal(2, fetches.Length);
        Assert.Equal(0u, fetches[0].Observe);
        Assert.Equal(1u, fetches[1].Observe);
        Assert.Equal(Encoding.UTF8.GetString(fetches[0].Body), Encoding.UTF8.GetString(fetches[1].Body)); // fails: the cancel has no payload
        Assert.Equal(Lwm2mResponseCode.Content, cancel.Code);
    }

    [Fact]
    public async Task ActiveCancelOfAnObserveComposite_IsAnsweredContentByTheClient()
    {
        await using var bed = await TestBed.StartAsync();
        var observe = await bed.Server.ObserveCompositeAsync(bed.Registration, [Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/3/0/10")]);
        Assert.True(observe.IsSuccess, observe.ToString());

        var cancel = await bed.Server.CancelObservationAsync(observe.Observation!);

        Assert.Equal(Lwm2mResponseCode.Content, cancel.Code); // fails: 4.00, the cancel FETCH has no paths
    }
}
