using System.Net;
using System.Text;
using FastLwm2m.Coap;
using FastLwm2m.Transport;

namespace FastLwm2m.Lwm2m.Client.Tests.Observe;

/// <summary>
/// A notification with history (Core §6.4.1: a client may notify values it stored with their
/// times): the server hands over every value with its time, and the latest as the content.
/// </summary>
public class TimestampedNotificationTests
{
    private static readonly DateTimeOffset Measured = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    /// <summary>A device that answers an Observe of /3/0/9 with 100, then notifies two stored values of it.</summary>
    private sealed class HistoryDevice : ICoapRequestHandler
    {
        public ObservableResource Battery { get; } = new("/3/0/9") { Confirmable = false };

        public void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response)
        {
            if (request.Method != CoapCode.Get)
            {
                response.SetCode(CoapCode.MethodNotAllowed);
                return;
            }

            response.SetCode(CoapCode.Content).SetContentFormat(CoapContentFormat.SenmlJson);
            if (request.IsNotificationRefresh)
            {
                response.WritePayload(Encoding.UTF8.GetBytes(
                    $"[{{\"bn\":\"/3/0/9\",\"v\":80,\"t\":{Measured.ToUnixTimeSeconds()}}},{{\"bn\":\"/3/0/9\",\"v\":75,\"t\":{Measured.AddMinutes(1).ToUnixTimeSeconds()}}}]"));
                return;
            }

            response.WritePayload("[{\"bn\":\"/3/0/9\",\"v\":100}]"u8);
            response.AcceptObservation(Battery);
        }
    }

    [Fact]
    public async Task NonNotificationWithTwoTimedValues_GivesBothInOrder_AndTheLatestAsContent()
    {
        await using var server = TestBed.StartServer();
        var handler = new HistoryDevice();
        await using var device = new CoapEndpoint(new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } }, handler);
        device.Start();
        var register = CoapMessage.Request(CoapCode.Post, "rd").AddUriQuery("ep=history-device").AddUriQuery("lt=60").AddUriQuery("lwm2m=1.1");
        register.ContentFormat = CoapContentFormat.LinkFormat;
        register.Payload = Encoding.UTF8.GetBytes("</3/0>");
        var registered = await device.SendAsync(register, new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port)).WaitAsync(TestBed.Timeout);
        Assert.Equal(CoapCode.Created, registered.Response!.Code);
        var recorder = new NotificationRecorder(server);
        var observe = await server.ObserveAsync(server.Registrations.Store.GetByEndpoint("history-device")!, Lwm2mPath.Parse("/3/0/9"), CoapContentFormat.SenmlJson).WaitAsync(TestBed.Timeout);
        Assert.True(observe.IsSuccess, observe.ToString());
        Assert.Equal(new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(100)), observe.Content);
        recorder.Follow(observe.Observation!);
        await TestBed.WaitUntil(() => handler.Battery.ObserverCount == 1, "the device to hold the observation");

        handler.Battery.Changed();

        var (_, notification) = await recorder.NextAsync();
        Assert.True(notification.ErrorMessage is null, notification.ErrorMessage);
        Assert.Equal(new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(75)), notification.Content);
        Assert.NotNull(notification.TimestampedContent);
        Assert.Collection(notification.TimestampedContent!,
            first =>
            {
                Assert.Equal(Measured, first.Timestamp);
                Assert.Equal(Lwm2mPath.Parse("/3/0/9"), first.Path);
                Assert.Equal(new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(80)), first.Node);
            },
            second =>
            {
                Assert.Equal(Measured.AddMinutes(1), second.Timestamp);
                Assert.Equal(new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(75)), second.Node);
            });
    }
}
