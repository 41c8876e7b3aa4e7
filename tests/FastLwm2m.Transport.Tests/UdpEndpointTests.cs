using System.Net;
using System.Net.Sockets;
using FastLwm2m.Transport.Tests.TestSupport;

namespace FastLwm2m.Transport.Tests;

public sealed class UdpEndpointTests
{
    private static readonly TimeSpan Timeout = UdpTestClient.Timeout;

    private static UdpEndpoint Started(UdpEndpointOptions options, Func<UdpLoop, IDatagramHandler>? handlers = null)
    {
        var endpoint = new UdpEndpoint(options, handlers ?? (_ => new EchoHandler()));
        endpoint.Start();
        return endpoint;
    }

    private static byte[] Payload(int length, int seed) => [.. Enumerable.Range(seed, length).Select(i => (byte)i)];

    [Fact]
    public async Task EchoHandler_OnIPv4Loopback_AnswersEveryDatagram()
    {
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1 });
        using UdpTestClient client = UdpTestClient.For(endpoint);

        Assert.Equal(AddressFamily.InterNetwork, endpoint.LocalEndPoint.AddressFamily);
        Assert.NotEqual(0, endpoint.LocalEndPoint.Port);
        for (int i = 0; i < 20; i++)
        {
            byte[] payload = Payload(1 + (i * 13), i);
            Assert.Equal(payload, client.RoundTrip(payload));
        }
    }

    [Fact]
    public async Task EchoHandler_OnIPv6Loopback_AnswersEveryDatagram()
    {
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.IPv6Loopback, LoopCount = 1 });
        using UdpTestClient client = UdpTestClient.For(endpoint);

        Assert.Equal(IPAddress.IPv6Loopback, endpoint.LocalEndPoint.Address);
        for (int i = 0; i < 20; i++)
        {
            byte[] payload = Payload(1 + (i * 13), i);
            Assert.Equal(payload, client.RoundTrip(payload));
        }
    }

    [Fact]
    public async Task DualModeEndpoint_OnIPv6Any_AnswersIPv4AndIPv6Clients_SeeingIPv4AsMapped()
    {
        var remotes = new List<IPEndPoint>();
        await using UdpEndpoint endpoint = Started(
            new() { LoopCount = 1 },
            _ => new DelegateHandler((loop, datagram, remote) =>
            {
                lock (remotes)
                {
                    remotes.Add((IPEndPoint)new IPEndPoint(IPAddress.IPv6Any, 0).Create(remote));
                }

                loop.Send(datagram, remote);
            }));
        int port = endpoint.LocalEndPoint.Port;
        using var ipv4 = new UdpTestClient(IPAddress.Loopback, new IPEndPoint(IPAddress.Loopback, port));
        using var ipv6 = new UdpTestClient(IPAddress.IPv6Loopback, new IPEndPoint(IPAddress.IPv6Loopback, port));

        Assert.Equal(IPAddress.IPv6Any, endpoint.LocalEndPoint.Address);
        Assert.Equal([4], ipv4.RoundTrip([4]));
        Assert.Equal([6], ipv6.RoundTrip([6]));

        lock (remotes)
        {
            Assert.Equal(2, remotes.Count);
            Assert.True(remotes[0].Address.IsIPv4MappedToIPv6);
            Assert.Equal(IPAddress.Loopback, remotes[0].Address.MapToIPv4());
            Assert.Equal(ipv4.LocalEndPoint.Port, remotes[0].Port);
            Assert.Equal(IPAddress.IPv6Loopback, remotes[1].Address);
            Assert.Equal(ipv6.LocalEndPoint.Port, remotes[1].Port);
        }
    }

    [Fact]
    public async Task TwoLoops_ManyClients_EveryDatagramAnswered_AndEachPeerStaysOnOneLoop()
    {
        const int Clients = 32;
        const int DatagramsPerClient = 4;

        // The answer starts with the index of the loop that received the request.
        await using UdpEndpoint endpoint = Started(
            new() { Address = IPAddress.Loopback, LoopCount = 2 },
            _ => new DelegateHandler((loop, datagram, remote) =>
            {
                Span<byte> answer = stackalloc byte[datagram.Length + 1];
                answer[0] = (byte)loop.Index;
                datagram.CopyTo(answer[1..]);
                loop.Send(answer, remote);
            }));

        if (OperatingSystem.IsLinux())
        {
            // One SO_REUSEPORT socket per loop, all on the endpoint's port.
            Assert.NotSame(endpoint.Loops[0].Socket, endpoint.Loops[1].Socket);
            Assert.All(endpoint.Loops, loop => Assert.Equal(endpoint.LocalEndPoint, loop.Socket.LocalEndPoint));
        }
        else
        {
            Assert.Same(endpoint.Loops[0].Socket, endpoint.Loops[1].Socket);
        }

        UdpTestClient[] clients = [.. Enumerable.Range(0, Clients).Select(_ => UdpTestClient.For(endpoint))];
        try
        {
            // Everything is sent before anything is read, so both loops work at once.
            for (int i = 0; i < DatagramsPerClient; i++)
            {
                for (int c = 0; c < Clients; c++)
                {
                    clients[c].Send([(byte)c, (byte)i]);
                }
            }

            var loopsUsed = new HashSet<byte>();
            for (int c = 0; c < Clients; c++)
            {
                var loopsOfThisPeer = new HashSet<byte>();
                var seen = new List<byte>();
                for (int i = 0; i < DatagramsPerClient; i++)
                {
                    byte[] answer = clients[c].Receive();
                    Assert.Equal((byte)c, answer[1]);
                    loopsOfThisPeer.Add(answer[0]);
                    seen.Add(answer[2]);
                }

                Assert.Single(loopsOfThisPeer);
                Assert.Equal(Enumerable.Range(0, DatagramsPerClient).Select(i => (byte)i).Order(), seen.Order());
                loopsUsed.UnionWith(loopsOfThisPeer);
            }

            if (OperatingSystem.IsLinux())
            {
                // 32 source ports hashed over two sockets: all on one has probability 2^-31.
                Assert.Equal(2, loopsUsed.Count);
            }

            TransportCounters counters = endpoint.GetCounters();
            Assert.Equal(Clients * DatagramsPerClient, counters.DatagramsReceived);
            Assert.Equal(Clients * DatagramsPerClient, counters.DatagramsSent);
        }
        finally
        {
            foreach (UdpTestClient client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task LoopsSharingOneSocket_AnswerEveryClient()
    {
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 2, ShareSocket = true });
        UdpTestClient[] clients = [.. Enumerable.Range(0, 16).Select(_ => UdpTestClient.For(endpoint))];
        try
        {
            Assert.Same(endpoint.Loops[0].Socket, endpoint.Loops[1].Socket);
            foreach (UdpTestClient client in clients)
            {
                client.Send([1, 2, 3]);
            }

            foreach (UdpTestClient client in clients)
            {
                Assert.Equal([1, 2, 3], client.Receive());
            }

            Assert.Equal(16, endpoint.GetCounters().DatagramsSent);
        }
        finally
        {
            foreach (UdpTestClient client in clients)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task GetCounters_AfterEchoes_CountDatagramsAndBytesBothWays()
    {
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 2 });
        using UdpTestClient client = UdpTestClient.For(endpoint);
        long bytes = 0;
        for (int i = 1; i <= 25; i++)
        {
            client.RoundTrip(Payload(i, i));
            bytes += i;
        }

        Assert.Equal(new TransportCounters(25, 25, bytes, bytes, 0, 0, 0, 0, 0), endpoint.GetCounters());
    }

    [Fact]
    public async Task HandlerThrowing_IsCountedAsHandlerError_AndTheNextDatagramIsStillAnswered()
    {
        await using UdpEndpoint endpoint = Started(
            new() { Address = IPAddress.Loopback, LoopCount = 1 },
            _ => new DelegateHandler((loop, datagram, remote) =>
            {
                if (datagram[0] == 0xFF)
                {
                    throw new InvalidOperationException("poison datagram");
                }

                loop.Send(datagram, remote);
            }));
        using UdpTestClient client = UdpTestClient.For(endpoint);

        client.Send([0xFF]);
        Assert.Equal([1], client.RoundTrip([1]));

        TransportCounters counters = endpoint.GetCounters();
        Assert.Equal(1, counters.HandlerErrors);
        Assert.Equal(2, counters.DatagramsReceived);
        Assert.Equal(1, counters.DatagramsSent);
    }

    [Fact]
    public async Task DatagramLargerThanMaxDatagramBytes_IsDroppedAndCounted_AndTheLoopGoesOn()
    {
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1, MaxDatagramBytes = 64 });
        using UdpTestClient client = UdpTestClient.For(endpoint);

        client.Send(Payload(65, 0));
        byte[] largest = Payload(64, 1);
        Assert.Equal(largest, client.RoundTrip(largest));

        TransportCounters counters = endpoint.GetCounters();
        Assert.Equal(1, counters.DatagramsDropped);
        Assert.Equal(2, counters.DatagramsReceived);
        Assert.Equal(1, counters.DatagramsSent);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task StopAsync_EndsEveryThreadPromptly_AndIsIdempotent(bool afterTraffic, bool shareSocket)
    {
        UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 2, ShareSocket = shareSocket });
        if (afterTraffic)
        {
            using UdpTestClient client = UdpTestClient.For(endpoint);
            Assert.Equal([7], client.RoundTrip([7]));
        }

        Assert.All(endpoint.Loops, loop => Assert.True(loop.Thread!.IsAlive));
        Assert.True(endpoint.TickThread!.IsAlive);

        // Blocked receives must be woken: the loops have nothing to read.
        Task stop = endpoint.StopAsync();
        await stop.WaitAsync(Timeout);

        Assert.All(endpoint.Loops, loop => Assert.False(loop.Thread!.IsAlive));
        Assert.False(endpoint.TickThread.IsAlive);
        await endpoint.StopAsync().WaitAsync(Timeout);
        await endpoint.DisposeAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(0, endpoint.GetCounters().ReceiveErrors);
    }

    [Fact]
    public async Task StopAsync_BeforeStart_CompletesAndStartThenThrows()
    {
        var endpoint = new UdpEndpoint(new() { Address = IPAddress.Loopback, LoopCount = 1 }, _ => new EchoHandler());

        await endpoint.StopAsync().WaitAsync(Timeout);

        Assert.Throws<InvalidOperationException>(endpoint.Start);
        Assert.Empty(endpoint.Loops);
    }

    [Fact]
    public async Task Start_Twice_Throws()
    {
        await using UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1 });

        Assert.Throws<InvalidOperationException>(endpoint.Start);
    }

    [Fact]
    public async Task Start_AfterStop_Throws()
    {
        UdpEndpoint endpoint = Started(new() { Address = IPAddress.Loopback, LoopCount = 1 });
        await endpoint.StopAsync().WaitAsync(Timeout);

        Assert.Throws<InvalidOperationException>(endpoint.Start);
    }

    [Fact]
    public void LocalEndPoint_BeforeStart_Throws()
    {
        var endpoint = new UdpEndpoint(new() { Address = IPAddress.Loopback, LoopCount = 1 }, _ => new EchoHandler());

        Assert.Throws<InvalidOperationException>(() => endpoint.LocalEndPoint);
        Assert.Empty(endpoint.Loops);
        Assert.Equal(default, endpoint.GetCounters());
    }

    [Fact]
    public async Task Start_PortAlreadyTaken_ThrowsSocketException()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)squatter.LocalEndPoint!).Port;
        var endpoint = new UdpEndpoint(new() { Address = IPAddress.Loopback, Port = port, LoopCount = 2 }, _ => new EchoHandler());

        Assert.Throws<SocketException>(endpoint.Start);
        await endpoint.StopAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Start_CallsTheHandlerFactoryOncePerLoop()
    {
        var seen = new List<int>();
        await using UdpEndpoint endpoint = Started(
            new() { Address = IPAddress.Loopback, LoopCount = 3 },
            loop =>
            {
                seen.Add(loop.Index);
                return new EchoHandler();
            });

        Assert.Equal([0, 1, 2], seen);
        Assert.Equal([0, 1, 2], endpoint.Loops.Select(loop => loop.Index));
        Assert.All(endpoint.Loops, loop => Assert.Equal($"fastlwm2m-udp-{loop.Index}", loop.Thread!.Name));
    }

    [Fact]
    public async Task SocketBufferSizes_AreAppliedUpToTheKernelLimit()
    {
        const int Requested = 1024 * 1024;
        await using UdpEndpoint endpoint = Started(
            new() { Address = IPAddress.Loopback, LoopCount = 2, ReceiveBufferBytes = Requested, SendBufferBytes = Requested });

        foreach (UdpLoop loop in endpoint.Loops)
        {
            if (OperatingSystem.IsLinux())
            {
                // Linux clamps to net.core.rmem_max / wmem_max, then doubles for bookkeeping.
                Assert.True(loop.Socket.ReceiveBufferSize >= Math.Min(Requested, ReadSysctl("net/core/rmem_max")));
                Assert.True(loop.Socket.SendBufferSize >= Math.Min(Requested, ReadSysctl("net/core/wmem_max")));
            }
            else
            {
                Assert.True(loop.Socket.ReceiveBufferSize >= Requested);
                Assert.True(loop.Socket.SendBufferSize >= Requested);
            }
        }

        static int ReadSysctl(string name) => int.Parse(File.ReadAllText($"/proc/sys/{name}").Trim());
    }

    [Fact]
    public async Task SocketBufferSizes_FarAboveTheKernelLimit_AreClampedNotRefused()
    {
        await using UdpEndpoint endpoint = Started(
            new() { Address = IPAddress.Loopback, LoopCount = 1, ReceiveBufferBytes = int.MaxValue, SendBufferBytes = int.MaxValue });
        using UdpTestClient client = UdpTestClient.For(endpoint);

        Assert.Equal([1], client.RoundTrip([1]));
    }
}
