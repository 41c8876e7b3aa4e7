using System.Net;
using System.Net.Sockets;
using FastLwm2m.Transport.Tests.TestSupport;
using Xunit.Abstractions;

namespace FastLwm2m.Transport.Tests;

[Collection(AllocationCollection.Name)]
public sealed class UdpEndpointAllocationTests(ITestOutputHelper output)
{
    private const int WarmUpDatagrams = 1_000;
    private const int MeasuredDatagrams = 10_000;

    // The figure is process-wide, so it also holds what the runtime allocates on its own while
    // we measure: tiered JIT promoting hot methods (the tick thread's among them), the thread
    // pool starting or retiring workers. A few hundred bytes of that are normal even in the best
    // of the runs Allocations takes; anything per datagram would show as at least
    // 10,000 x 24 bytes, far above this.
    private const long ToleranceBytes = 16 * 1024;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::")]
    public async Task EchoRoundTrips_AfterWarmUp_AllocateNothingPerDatagram(string address)
    {
        // The default dual-mode wildcard with an IPv4 client covers the IPv4-mapped path.
        await using var endpoint = new UdpEndpoint(
            new() { Address = IPAddress.Parse(address), LoopCount = 1 },
            _ => new EchoHandler());
        endpoint.Start();

        // The client allocates nothing either: fixed buffers, serialized addresses reused by
        // the SocketAddress overloads of SendTo and ReceiveFrom.
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveTimeout = (int)UdpTestClient.Timeout.TotalMilliseconds,
        };
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        SocketAddress server = new IPEndPoint(IPAddress.Loopback, endpoint.LocalEndPoint.Port).Serialize();
        var from = new SocketAddress(AddressFamily.InterNetwork);
        byte[] request = new byte[48];
        byte[] response = new byte[128];

        void RoundTrips(int count)
        {
            for (int i = 0; i < count; i++)
            {
                request[0] = (byte)i;
                client.SendTo(request, SocketFlags.None, server);
                int received = client.ReceiveFrom(response, SocketFlags.None, from);
                if (received != request.Length || response[0] != (byte)i)
                {
                    Assert.Fail($"Round trip {i}: got {received} bytes starting {response[0]}.");
                }
            }
        }

        RoundTrips(WarmUpDatagrams);
        long allocated = Allocations.InProcess(() => RoundTrips(MeasuredDatagrams));
        output.WriteLine($"{allocated} bytes allocated over {MeasuredDatagrams} round trips.");

        Assert.True(allocated <= ToleranceBytes, $"{allocated} bytes allocated over {MeasuredDatagrams} round trips.");
        Assert.True((double)allocated / MeasuredDatagrams < 1, $"{(double)allocated / MeasuredDatagrams:F2} bytes per datagram.");
        Assert.Equal(0, endpoint.GetCounters().SendErrors);
    }
}
