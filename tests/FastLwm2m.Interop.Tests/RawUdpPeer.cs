using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

/// <summary>
/// A CoAP peer we drive by hand over a plain UDP socket on 127.0.0.1: it sends exactly the
/// bytes a test gives it and hands back every datagram it receives, so a test can drop, repeat
/// or delay messages as a lossy network would. A dedicated thread receives and timestamps each
/// datagram as it arrives, so arrival times do not depend on when the test's continuations run.
/// </summary>
internal sealed class RawUdpPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Channel<ReceivedDatagram> _received = Channel.CreateUnbounded<ReceivedDatagram>();
    private readonly Thread _receiver;

    public RawUdpPeer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "raw-udp-peer" };
        _receiver.Start();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Sends one datagram.</summary>
    public async Task SendAsync(byte[] datagram, IPEndPoint remote) => await _socket.SendToAsync(datagram, SocketFlags.None, remote);

    /// <summary>Sends one CoAP message as encoded by <see cref="CoapMessage.ToArray"/>.</summary>
    public Task SendAsync(CoapMessage message, IPEndPoint remote) => SendAsync(message.ToArray(), remote);

    /// <summary>The next datagram received; fails the test if none arrives within <paramref name="timeout"/>.</summary>
    public async Task<ReceivedDatagram> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No datagram reached {EndPoint} within {timeout}.");
        }
    }

    public void Dispose()
    {
        // Closing the socket wakes the blocked ReceiveFrom; the loop then ends.
        _socket.Dispose();
        _receiver.Join(TimeSpan.FromSeconds(5));
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[65_535];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException) when (_socket.SafeHandle.IsClosed)
            {
                break;
            }
            catch (SocketException)
            {
                continue; // e.g. an ICMP port unreachable for an earlier send
            }

            long arrived = Stopwatch.GetTimestamp();
            _received.Writer.TryWrite(new ReceivedDatagram(buffer.AsSpan(0, length).ToArray(), (IPEndPoint)from, arrived));
        }

        _received.Writer.TryComplete();
    }
}
