using System.Net;
using System.Text;
using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

// Observe with libcoap (RFC 7641): notifications NON and CON, block-wise notifications, an error notification, deregistration.
public sealed partial class LibcoapClientTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Observe_ClientObservingAResource_PrintsEveryNotification(bool confirmable)
    {
        // Given a server with an observable counter (NON or CON notifications)
        var counter = new ObservableResource("counter") { Confirmable = confirmable };
        int value = 0;
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("counter", (in CoapRequestContext _, CoapResponseBuilder response) => response
                .SetCode(CoapCode.Content)
                .SetContentFormat(CoapContentFormat.TextPlain)
                .WritePayload($"count={Volatile.Read(ref value)}")
                .AcceptObservation(counter));

        // When coap-client observes it for 3 seconds (-w: a newline after each payload)
        await using var client = CoapClientProcess.Start("-m", "get", "-s", "3", "-w", "-B", BreakSeconds, server.UriOf("counter"));
        await WaitUntil(() => counter.ObserverCount == 1, "the client to be registered as an observer");
        await client.WaitForOutputAsync(o => o.Contains("count=0\n", StringComparison.Ordinal), WaitTimeout, "the first response");

        // and the counter changes three times
        for (int i = 1; i <= 3; i++)
        {
            Volatile.Write(ref value, i);
            counter.Changed();
            string expected = $"count={i}\n";
            await client.WaitForOutputAsync(o => o.Contains(expected, StringComparison.Ordinal), WaitTimeout, $"notification {i}");
        }

        // Then the client printed each value once, in order, and ended by itself
        var run = await client.WaitForExitAsync(WaitTimeout);
        Assert.Equal("count=0\ncount=1\ncount=2\ncount=3\n" + ClosingNewline, run.Output);
        Assert.Equal("", run.Errors);
        Assert.Equal(3, server.Endpoint.GetCounters().NotificationsSent);

        // and, when its 3 seconds were up, deregistered with GET Observe=1 (RFC 7641 §3.6); it
        // may exit before that request reaches us
        await WaitUntil(() => counter.ObserverCount == 0, "the client to deregister");
        var requests = server.Received;
        Assert.Equal(2, requests.Count);
        Assert.Equal(0u, requests[0].Message.Observe);
        Assert.Equal(1u, requests[1].Message.Observe);
        Assert.Equal(requests[0].Message.Token, requests[1].Message.Token);
    }

    [Fact]
    public async Task Observe_BlockwiseResource_ClientFetchesEveryNotificationWhole()
    {
        // RFC 7641 + RFC 7959 §2.6: a notification larger than a block carries block 0; the
        // client GETs the rest.
        var report = new ObservableResource("report");
        int value = 0;
        string Body(int v) => $"report {v}\n" + DeterministicText(2_500);
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("report", (in CoapRequestContext _, CoapResponseBuilder response) => response
                .SetCode(CoapCode.Content)
                .SetContentFormat(CoapContentFormat.TextPlain)
                .WritePayload(Body(Volatile.Read(ref value)))
                .AcceptObservation(report));

        await using var client = CoapClientProcess.Start("-m", "get", "-s", "2", "-w", "-B", BreakSeconds, server.UriOf("report"));
        await WaitUntil(() => report.ObserverCount == 1, "the client to be registered as an observer");
        await client.WaitForOutputAsync(o => o.Contains(Body(0) + "\n", StringComparison.Ordinal), WaitTimeout, "the whole first response");

        Volatile.Write(ref value, 1);
        report.Changed();
        await client.WaitForOutputAsync(o => o.Contains(Body(1) + "\n", StringComparison.Ordinal), WaitTimeout, "the whole notification");

        var run = await client.WaitForExitAsync(WaitTimeout);
        Assert.Equal(Body(0) + "\n" + Body(1) + "\n" + ClosingNewline, run.Output);
        Assert.Equal("", run.Errors);
    }

    [Fact]
    public async Task Observe_ResourceThatGoesAway_ClientPrintsTheErrorNotification_AndTheObservationEnds()
    {
        // RFC 7641 §4.2: a notification with an error code ends the observation.
        var sensor = new ObservableResource("sensor");
        int present = 1;
        await using var server = TestCoapServer.Start(IPAddress.Loopback)
            .WithResource("sensor", (in CoapRequestContext _, CoapResponseBuilder response) =>
            {
                if (Volatile.Read(ref present) == 1)
                {
                    response.SetCode(CoapCode.Content).WritePayload("on").AcceptObservation(sensor);
                }
                else
                {
                    response.SetCode(CoapCode.NotFound);
                }
            });

        // Given a client observing a sensor
        await using var client = CoapClientProcess.Start("-m", "get", "-s", "2", "-w", "-B", BreakSeconds, server.UriOf("sensor"));
        await WaitUntil(() => sensor.ObserverCount == 1, "the client to be registered as an observer");
        await client.WaitForOutputAsync(o => o.Contains("on\n", StringComparison.Ordinal), WaitTimeout, "the first response");

        // When the sensor goes away
        Volatile.Write(ref present, 0);
        sensor.Changed();

        // Then the client printed the error, the observation is over on both sides (no
        // deregistration request follows) and the client ended by itself
        var run = await client.WaitForExitAsync(WaitTimeout);
        Assert.Equal("on\n" + ClosingNewline, run.Output);
        Assert.Equal("4.04", run.Errors.Trim());
        Assert.Equal(0, sensor.ObserverCount);
        Assert.Single(server.Received);
    }
}
