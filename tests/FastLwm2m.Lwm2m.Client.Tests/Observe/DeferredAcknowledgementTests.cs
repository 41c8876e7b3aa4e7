using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Tests.Observe;

/// <summary>
/// Nothing acknowledged before it is safe: with DeferNotificationAcknowledgement the device keeps
/// retransmitting a CON notification until the application acknowledges it, and it is delivered once.
/// </summary>
public class DeferredAcknowledgementTests
{
    [Fact]
    public async Task ConfirmableNotification_IsRetransmittedUntilAcknowledged_AndDeliveredOnce()
    {
        await using var bed = await TestBed.StartAsync(
            client =>
            {
                client.ConfirmableNotifications = true;
                client.Coap = new CoapEndpointOptions { Udp = { Address = System.Net.IPAddress.Loopback, Port = 0, LoopCount = 1 }, AckTimeout = TimeSpan.FromMilliseconds(100) };
            },
            server => server.DeferNotificationAcknowledgement = true);

        var held = new TaskCompletionSource<Lwm2mNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = new TaskCompletionSource<Lwm2mNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        int delivered = 0;
        bed.Server.NotificationReceived += n =>
        {
            if (n.Content is Lwm2mSingleResource { } r && r.Value.AsInteger() == 42)
            {
                Interlocked.Increment(ref delivered);
                held.TrySetResult(n);
            }
            else if (n.Content is Lwm2mSingleResource { } s && s.Value.AsInteger() == 43)
            {
                n.Acknowledgement?.Acknowledge();
                next.TrySetResult(n);
            }
        };
        var observe = await bed.Server.ObserveAsync(bed.Registration, Lwm2mPath.Parse("/3/0/9"));
        Assert.True(observe.IsSuccess, observe.ToString());

        bed.Client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(42));
        var notification = await held.Task.WaitAsync(TestBed.Timeout);
        Assert.NotNull(notification.Acknowledgement);

        // Not acknowledged yet: the device retransmits (ACK_TIMEOUT 100 ms here).
        await TestBed.WaitUntil(() => bed.Client.Coap!.GetCounters().Retransmissions >= 1, "the device retransmits the unacknowledged notification");
        Assert.Equal(1, Volatile.Read(ref delivered));

        notification.Acknowledgement!.Acknowledge();

        // The device sends one CON at a time (NSTART 1): the next notification arrives only once
        // the first is acknowledged.
        bed.Client.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(43));
        await next.Task.WaitAsync(TestBed.Timeout);
        Assert.Equal(1, Volatile.Read(ref delivered));
        Assert.Equal(0, bed.Client.Coap!.GetCounters().Timeouts);
    }
}
