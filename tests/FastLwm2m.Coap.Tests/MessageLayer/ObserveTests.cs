using System.Text;
using FastLwm2m.Coap.Internal;

namespace FastLwm2m.Coap.Tests.MessageLayer;

/// <summary>RFC 7641 on both sides: our endpoint observing and being observed.</summary>
public class ObserveTests
{
    private sealed class Sensor
    {
        public readonly ObservableResource Resource = new("temp");
        public int Value = 20;
        public bool Gone;
        public readonly TestHandler Handler;

        public Sensor() => Handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) =>
        {
            if (Gone)
            {
                b.SetCode(CoapCode.NotFound);
                return;
            }

            b.SetCode(CoapCode.Content).WritePayload(Encoding.UTF8.GetBytes(Value.ToString()));
            b.AcceptObservation(Resource);
        });
    }

    private static (FakeNetwork Net, Sensor Sensor, CoapEndpoint Server, System.Net.SocketAddress ServerAddress, CoapEndpoint Client, System.Net.SocketAddress ClientAddress) Setup(CoapEndpointOptions? serverOptions = null)
    {
        var net = new FakeNetwork();
        var sensor = new Sensor();
        var (server, serverAddress) = net.AddEndpoint(sensor.Handler, serverOptions);
        var (client, clientAddress) = net.AddEndpoint();
        return (net, sensor, server, serverAddress, client, clientAddress);
    }

    [Fact]
    public void Observe_RegistersAndReceivesNotificationsInOrder()
    {
        var (net, sensor, server, serverAddress, client, _) = Setup();
        var values = new List<string>();
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "temp"), FakeNetwork.ToEndPoint(serverAddress),
            (CoapObservation o, in CoapNotification n) => { values.Add(Encoding.UTF8.GetString(n.Body)); return true; });
        net.Pump();
        var observation = task.Completed();

        Assert.True(observation.IsActive);
        Assert.Equal("20", observation.InitialResult.Response!.PayloadText);
        Assert.Equal(1, sensor.Resource.ObserverCount);

        for (int v = 21; v <= 23; v++)
        {
            sensor.Value = v;
            sensor.Resource.Changed();
            net.Pump();
        }

        Assert.Equal(["21", "22", "23"], values);
        var notifications = net.Sent.Where(s => s.From.Equals(serverAddress)).Select(s => CoapMessage.TryDecode(s.Bytes)!).ToList();
        var sequences = notifications.Select(n => n.Observe!.Value).ToList();
        Assert.Equal(sequences.OrderBy(x => x), sequences);
        Assert.Equal(4, sequences.Distinct().Count());
    }

    [Fact]
    public void StaleNotification_IsNotDelivered()
    {
        var net = new FakeNetwork();
        var (client, clientAddress) = net.AddEndpoint();
        var peer = net.RawPeer(8000);
        var delivered = new List<uint?>();
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "x"), FakeNetwork.ToEndPoint(peer),
            (CoapObservation o, in CoapNotification n) => { delivered.Add(n.Sequence); return true; });
        var request = net.SentTo(peer)[0];
        net.Inject(peer, clientAddress, new CoapMessage(CoapCode.Content, CoapMessageType.Acknowledgement) { MessageId = request.MessageId, Token = request.Token }.AddOption(CoapOptionNumber.Observe, 10u).ToArray());
        Assert.True(task.Completed().IsActive);

        foreach (var (mid, seq) in new[] { (100, 12u), (101, 11u), (102, 13u) })
        {
            var n = new CoapMessage(CoapCode.Content, CoapMessageType.NonConfirmable) { MessageId = (ushort)mid, Token = request.Token };
            n.AddOption(CoapOptionNumber.Observe, seq);
            net.Inject(peer, clientAddress, n.ToArray());
        }

        Assert.Equal([12u, 13u], delivered);
    }

    [Theory]
    [InlineData(1u, 2u, 0L, 0L, true)]
    [InlineData(2u, 1u, 0L, 0L, false)]
    [InlineData(5u, 5u, 0L, 0L, false)]
    [InlineData(0xFFFFF0u, 3u, 0L, 0L, true)]    // wrapped around
    [InlineData(3u, 0xFFFFF0u, 0L, 0L, false)]
    [InlineData(2u, 1u, 0L, 128_001L, true)]     // more than 128 s later
    public void Freshness_FollowsRfc7641Section3_4(uint v1, uint v2, long t1, long t2, bool fresh) =>
        Assert.Equal(fresh, CoapEngine.IsFresh(v1, v2, t1, t2));

    [Fact]
    public void ConfirmableNotification_IsAcknowledgedOnlyWhenTheHandlerAccepts()
    {
        var net = new FakeNetwork();
        var (client, clientAddress) = net.AddEndpoint();
        var peer = net.RawPeer(8001);
        bool accept = false;
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "x"), FakeNetwork.ToEndPoint(peer),
            (CoapObservation o, in CoapNotification n) => accept);
        var request = net.SentTo(peer)[0];
        net.Inject(peer, clientAddress, new CoapMessage(CoapCode.Content, CoapMessageType.Acknowledgement) { MessageId = request.MessageId, Token = request.Token }.AddOption(CoapOptionNumber.Observe, 1u).ToArray());
        var observation = task.Completed();

        var n = new CoapMessage(CoapCode.Content, CoapMessageType.Confirmable) { MessageId = 500, Token = request.Token }.AddOption(CoapOptionNumber.Observe, 2u).ToArray();
        net.Inject(peer, clientAddress, n);
        Assert.Single(net.SentTo(peer)); // refused: no ACK, the device will retransmit

        accept = true;
        net.Inject(peer, clientAddress, n); // the retransmission
        var ack = net.SentTo(peer).Last();
        Assert.Equal(CoapMessageType.Acknowledgement, ack.Type);
        Assert.Equal(500, ack.MessageId);
        Assert.Equal(1, observation.NotificationCount);

        net.Inject(peer, clientAddress, n); // a duplicate after the ACK: ACK again, not delivered again
        Assert.Equal(CoapMessageType.Acknowledgement, net.SentTo(peer).Last().Type);
        Assert.Equal(1, observation.NotificationCount);
    }

    [Fact]
    public void ProactiveCancel_SendsGetWithObserve1_AndTheServerDropsTheObserver()
    {
        var (net, sensor, server, serverAddress, client, _) = Setup();
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "temp"), FakeNetwork.ToEndPoint(serverAddress), (CoapObservation o, in CoapNotification n) => true);
        net.Pump();
        var observation = task.Completed();

        var cancel = observation.CancelAsync(proactive: true);
        net.Pump();

        Assert.Equal(CoapResultStatus.Response, cancel.Completed().Status);
        var sent = net.SentTo(serverAddress).Last();
        Assert.Equal(1u, sent.Observe);
        Assert.Equal(observation.Token, sent.Token);
        Assert.Equal(0, sensor.Resource.ObserverCount);
        Assert.False(observation.IsActive);
    }

    [Fact]
    public void PassiveCancel_NextNotificationIsAnsweredReset_AndTheServerDropsTheObserver()
    {
        var (net, sensor, server, serverAddress, client, clientAddress) = Setup();
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "temp"), FakeNetwork.ToEndPoint(serverAddress), (CoapObservation o, in CoapNotification n) => true);
        net.Pump();
        var observation = task.Completed();

        observation.CancelAsync(proactive: false);
        sensor.Resource.Changed();
        net.Pump();

        Assert.Equal(CoapMessageType.Reset, net.SentTo(serverAddress).Last().Type);
        Assert.Equal(0, sensor.Resource.ObserverCount);
    }

    [Fact]
    public void ConfirmableNotificationThatTimesOut_DropsTheObserver()
    {
        var (net, sensor, server, serverAddress, client, clientAddress) = Setup();
        sensor.Resource.Confirmable = true;
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "temp"), FakeNetwork.ToEndPoint(serverAddress), (CoapObservation o, in CoapNotification n) => true);
        net.Pump();
        Assert.True(task.Completed().IsActive);

        net.Drop = (from, to, bytes) => to.Equals(clientAddress); // the client is gone
        sensor.Resource.Changed();
        net.Advance(120_000);

        Assert.Equal(0, sensor.Resource.ObserverCount);
        Assert.Equal(5, net.Sent.Count(s => s.To.Equals(clientAddress) && CoapMessage.TryDecode(s.Bytes)!.Type == CoapMessageType.Confirmable));
    }

    [Fact]
    public void NonConfirmableNotifications_IncludeAConfirmableOneEvery24Hours()
    {
        var (net, sensor, server, serverAddress, client, clientAddress) = Setup(new CoapEndpointOptions { NotificationConfirmableInterval = TimeSpan.FromSeconds(30) });
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "temp"), FakeNetwork.ToEndPoint(serverAddress), (CoapObservation o, in CoapNotification n) => true);
        net.Pump();
        Assert.True(task.Completed().IsActive);

        sensor.Resource.Changed();
        net.Pump();
        net.Advance(31_000);
        sensor.Resource.Changed();
        net.Pump();

        var types = net.Sent.Where(s => s.To.Equals(clientAddress)).Select(s => CoapMessage.TryDecode(s.Bytes)!).Where(m => m.Observe is not null).Select(m => m.Type).ToList();
        Assert.Equal([CoapMessageType.Acknowledgement, CoapMessageType.NonConfirmable, CoapMessageType.Confirmable], types);
        Assert.Equal(1, sensor.Resource.ObserverCount);
    }

    [Fact]
    public void ErrorNotification_EndsTheObservationOnBothSides()
    {
        var (net, sensor, server, serverAddress, client, _) = Setup();
        var codes = new List<CoapCode>();
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "temp"), FakeNetwork.ToEndPoint(serverAddress), (CoapObservation o, in CoapNotification n) => { codes.Add(n.Code); return true; });
        net.Pump();
        var observation = task.Completed();

        sensor.Gone = true; // the resource disappears: the refresh answers 4.04
        sensor.Resource.Changed();
        net.Pump();

        Assert.Equal([CoapCode.NotFound], codes);
        Assert.False(observation.IsActive);
        Assert.Equal(0, sensor.Resource.ObserverCount);
    }

    [Fact]
    public void ResourceThatIsNotObservable_GivesAnInactiveObservation()
    {
        var net = new FakeNetwork();
        var (server, serverAddress) = net.AddEndpoint(new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) => b.SetCode(CoapCode.Content)));
        var (client, _) = net.AddEndpoint();

        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "plain"), FakeNetwork.ToEndPoint(serverAddress), (CoapObservation o, in CoapNotification n) => true);
        net.Pump();

        var observation = task.Completed();
        Assert.False(observation.IsActive);
        Assert.Equal(CoapCode.Content, observation.InitialResult.Response!.Code);
        Assert.Null(observation.InitialResult.Response.Observe);
    }

    [Fact]
    public void Reregister_KeepsTheTokenAndTheObservation()
    {
        var (net, sensor, server, serverAddress, client, _) = Setup();
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "temp"), FakeNetwork.ToEndPoint(serverAddress), (CoapObservation o, in CoapNotification n) => true);
        net.Pump();
        var observation = task.Completed();

        var again = observation.ReregisterAsync();
        net.Pump();

        Assert.Equal(CoapResultStatus.Response, again.Completed().Status);
        Assert.Equal(observation.Token, net.SentTo(serverAddress).Last().Token);
        Assert.Equal(1, sensor.Resource.ObserverCount);
        Assert.True(observation.IsActive);
    }

    [Fact]
    public async Task NotificationLargerThanABlock_IsFetchedBlockWise_AndDeliveredWhole()
    {
        var net = new FakeNetwork();
        var resource = new ObservableResource("big");
        byte version = 1;
        var handler = new TestHandler((in CoapRequestContext r, CoapResponseBuilder b) =>
        {
            b.SetCode(CoapCode.Content).WritePayload(Enumerable.Range(0, 3000).Select(i => (byte)(i + version)).ToArray());
            b.AcceptObservation(resource);
        });
        var (server, serverAddress) = net.AddEndpoint(handler);
        var (client, _) = net.AddEndpoint();
        var delivered = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "big"), FakeNetwork.ToEndPoint(serverAddress),
            (CoapObservation o, in CoapNotification n) => { delivered.TrySetResult(n.Body.ToArray()); return true; });
        net.Pump();
        var observation = task.Completed();
        Assert.True(observation.IsActive);
        Assert.Equal(3000, observation.InitialResult.Response!.Payload.Length);

        version = 2;
        resource.Changed();
        net.Pump();

        // The rest of the blocks are fetched after the first block arrives; pump until delivered.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!delivered.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            net.Pump();
            await Task.WhenAny(delivered.Task, Task.Delay(10));
        }

        var body = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (byte)(i + 2)).ToArray(), body);
        Assert.Equal(2, handler.Calls); // registration and one refresh: the later blocks came from the kept response
    }

    private static (FakeNetwork Net, CoapEndpoint Client, System.Net.SocketAddress ClientAddress, System.Net.SocketAddress Peer, CoapObservation Observation, List<CoapAcknowledgement> Handles, byte[] Notification) DeferredSetup(Func<int, bool> reject)
    {
        var net = new FakeNetwork();
        var (client, clientAddress) = net.AddEndpoint();
        var peer = net.RawPeer(8100);
        var handles = new List<CoapAcknowledgement>();
        var task = client.ObserveAsync(CoapMessage.Request(CoapCode.Get, "x"), FakeNetwork.ToEndPoint(peer),
            (CoapObservation o, in CoapNotification n) => { handles.Add(n.DeferAcknowledgement()); return true; });
        var request = net.SentTo(peer)[0];
        net.Inject(peer, clientAddress, new CoapMessage(CoapCode.Content, CoapMessageType.Acknowledgement) { MessageId = request.MessageId, Token = request.Token }.AddOption(CoapOptionNumber.Observe, 1u).ToArray());
        var notification = new CoapMessage(CoapCode.Content, CoapMessageType.Confirmable) { MessageId = 700, Token = request.Token, Payload = "v"u8.ToArray() }.AddOption(CoapOptionNumber.Observe, 2u).ToArray();
        return (net, client, clientAddress, peer, task.Completed(), handles, notification);
    }

    [Fact]
    public void DeferredAcknowledgement_IsSentOnlyWhenTheApplicationSaysSo_AndRetransmissionsMeanwhileAreNotDeliveredAgain()
    {
        var (net, client, clientAddress, peer, observation, handles, notification) = DeferredSetup(_ => false);

        net.Inject(peer, clientAddress, notification);
        Assert.Single(handles);
        Assert.Single(net.SentTo(peer)); // only the registration: no ACK yet

        net.Inject(peer, clientAddress, notification); // the device retransmits
        Assert.Single(handles);                        // not delivered twice
        Assert.Single(net.SentTo(peer));

        handles[0].Acknowledge();                      // e.g. the batch is committed
        var ack = net.SentTo(peer).Last();
        Assert.Equal(CoapMessageType.Acknowledgement, ack.Type);
        Assert.Equal(700, ack.MessageId);

        net.Inject(peer, clientAddress, notification); // a late copy: ACKed again from the dedup cache
        Assert.Equal(CoapMessageType.Acknowledgement, net.SentTo(peer).Last().Type);
        Assert.Single(handles);
    }

    [Fact]
    public void RejectedDeferredAcknowledgement_LetsTheNextRetransmissionBeDeliveredAgain()
    {
        var (net, client, clientAddress, peer, observation, handles, notification) = DeferredSetup(_ => true);

        net.Inject(peer, clientAddress, notification);
        handles[0].Reject(); // e.g. the commit failed
        net.Inject(peer, clientAddress, notification);

        Assert.Equal(2, handles.Count);
        Assert.Single(net.SentTo(peer)); // nothing acknowledged
        handles[1].Acknowledge();
        Assert.Equal(CoapMessageType.Acknowledgement, net.SentTo(peer).Last().Type);
    }
}
