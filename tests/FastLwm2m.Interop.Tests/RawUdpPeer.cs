using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FastLwm2m.Coap;

namespace FastLwm2m.Interop.Tests;

/// <summary>
/// A CoAP peer we drive by hand over a plain UDP socket on 127.0.0.1: it sends exactly the
/// bytes a test gives it and hands back every datagram it receives, with its arrival time, so a
/// test can drop, repeat or delay messages as a lossy network would.
/// </summary>
internal sealed class RawUdpPeer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _buffer = new byte[65_535];

    public RawUdpPeer()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Sends one datagram.</summary>
    public async Task SendAsync(byte[] datagram, IPEndPoint remote) => await _socket.SendToAsync(datagram, SocketFlags.None, remote);

    /// <summary>Sends one CoAP message as encoded by <see cref="CoapMessage.ToArray"/>.</summary>
    public Task SendAsync(CoapMessage message, IPEndPoint remote) => SendAsync(message.ToArray(), remote);

    /// <summary>Receives the next datagram; fails the test if none arrives within <paramref name="timeout"/>.</summary>
    public async Task<ReceivedDatagram> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var result = await _socket.ReceiveFromAsync(_buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
            long arrived = Stopwatch.GetTimestamp();
            return new ReceivedDatagram(_buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint, arrived);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No datagram reached {EndPoint} within {timeout}.");
        }
    }

    public void Dispose() => _socket.Dispose();
}
