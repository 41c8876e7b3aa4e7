using System.Net;
using System.Net.Sockets;
using FastLwm2m.Transport.Tests.TestSupport;

namespace FastLwm2m.Transport.Tests;

public sealed class UdpLoopTests
{
    private static readonly TimeSpan Timeout = UdpTestClient.Timeout;

    private static UdpEndpoint Started(UdpEndpointOptions options)
    {
        var endpoint = new UdpEndpoint(options, _ => new EchoHandler());
        endpoint.Start();
        return endpoint;
    }

    [Fact]
    public async Task Send_FromManyThreads_CountsEveryDatagram()
    {
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1 });
        using UdpTestClient client = UdpTestClient.For(endpoint);
        SocketAddress remote = client.LocalEndPoint.Serialize();
        UdpLoop loop = endpoint.Loops[0];

        Parallel.For(0, 1_000, _ => Assert.True(loop.Send([1, 2, 3, 4], remote)));

        TransportCounters counters = endpoint.GetCounters();
        Assert.Equal(1_000, counters.DatagramsSent);
        Assert.Equal(4_000, counters.BytesSent);
        Assert.Equal(0, counters.SendErrors);
        Assert.Equal([1, 2, 3, 4], client.Receive());
    }

    [Fact]
    public async Task Send_DatagramTheSocketRefuses_ReturnsFalseAndCountsASendError()
    {
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1 });
        SocketAddress remote = new IPEndPoint(IPAddress.Loopback, 9).Serialize();

        // Larger than any IPv4 UDP payload (65,507 bytes): EMSGSIZE.
        Assert.False(endpoint.Loops[0].Send(new byte[70_000], remote));

        Assert.Equal(1, endpoint.GetCounters().SendErrors);
        Assert.Equal(0, endpoint.GetCounters().DatagramsSent);
    }

    [Fact]
    public async Task Send_AfterStop_ReturnsFalseAndCountsASendError()
    {
        UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1 });
        UdpLoop loop = endpoint.Loops[0];
        SocketAddress remote = new IPEndPoint(IPAddress.Loopback, 9).Serialize();
        await endpoint.StopAsync().WaitAsync(Timeout);

        Assert.False(loop.Send([1], remote));

        Assert.Equal(1, loop.Counters.Snapshot().SendErrors);
    }

    [Fact]
    public async Task NowMilliseconds_ReadsTheEndpointsTimeProvider()
    {
        var time = new ManualTimeProvider(startMilliseconds: 42_000);
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1, TimeProvider = time, AutoTick = false });
        UdpLoop loop = endpoint.Loops[0];

        Assert.Equal(42_000, loop.NowMilliseconds);
        time.Advance(250);
        Assert.Equal(42_250, loop.NowMilliseconds);
    }

    [Fact]
    public async Task Tick_WithManualClock_FiresDueTimersUnderTheLoopsGate()
    {
        var time = new ManualTimeProvider();
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 2, TimeProvider = time, AutoTick = false });
        UdpLoop loop = endpoint.Loops[1];
        bool heldGate = false;
        var timer = new RecordingTimer("retransmit") { Then = (_, _) => heldGate = loop.Gate.IsHeldByCurrentThread };
        lock (loop.Gate)
        {
            loop.Timers.Schedule(timer, 100);
        }

        time.Advance(99);
        endpoint.Tick();
        Assert.Equal(0, timer.Fired);

        time.Advance(1);
        endpoint.Tick();
        Assert.Equal(1, timer.Fired);
        Assert.Equal(loop.NowMilliseconds, timer.LastFiredAt);
        Assert.True(heldGate);
        Assert.Null(endpoint.TickThread);
    }

    [Fact]
    public async Task Tick_TimerThrows_CountsAHandlerErrorAndFiresTheOthers()
    {
        var time = new ManualTimeProvider();
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1, TimeProvider = time, AutoTick = false });
        UdpLoop loop = endpoint.Loops[0];
        var thrower = new RecordingTimer("thrower") { Then = (_, _) => throw new InvalidOperationException("boom") };
        var other = new RecordingTimer("other");
        lock (loop.Gate)
        {
            loop.Timers.Schedule(thrower, 10);
            loop.Timers.Schedule(other, 10);
        }

        time.Advance(10);
        endpoint.Tick();

        Assert.Equal(1, other.Fired);
        Assert.Equal(1, endpoint.GetCounters().HandlerErrors);
    }

    [Fact]
    public async Task AutoTick_FiresTimersOnTheTickThread()
    {
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1, TimerTickMilliseconds = 5 });
        UdpLoop loop = endpoint.Loops[0];
        var firedOn = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = new RecordingTimer("a") { Then = (_, _) => firedOn.TrySetResult(Thread.CurrentThread.Name) };
        lock (loop.Gate)
        {
            loop.Timers.Schedule(timer, 20);
        }

        Assert.Equal("fastlwm2m-tick", await firedOn.Task.WaitAsync(Timeout));
    }
}
