using System.Net;
using System.Net.Sockets;

namespace FastLwm2m.Load.Tests.TestSupport;

/// <summary>
/// A UDP peer on 127.0.0.1 whose answer to each datagram is a function of it: null stays
/// silent. For servers the baseline responder is not (one that drops, one that says 4.04).
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;
    private readonly Func<byte[], byte[]?> _answer;
    private volatile bool _stopping;

    public ScriptedServer(Func<byte[], byte[]?> answer)
    {
        _answer = answer;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _thread = new Thread(Run) { IsBackground = true, Name = "scripted-server" };
        _thread.Start();
    }

    public int Port { get; }

    private void Run()
    {
        var buffer = new byte[2048];
        var remote = new SocketAddress(AddressFamily.InterNetwork);
        while (!_stopping)
        {
            try
            {
                int n = _socket.ReceiveFrom(buffer, SocketFlags.None, remote);
                if (_answer(buffer[..n]) is { } answer)
                {
                    _socket.SendTo(answer, SocketFlags.None, remote);
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _socket.Dispose();
        _thread.Join(TimeSpan.FromSeconds(2));
    }
}
