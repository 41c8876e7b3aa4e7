using System.Net;
using System.Net.Sockets;
using FastLwm2m.Load.Internal;

namespace FastLwm2m.Load;

/// <summary>
/// A do-nothing CoAP "registration server", the ceiling a real server is compared against on
/// the same machine in the same run: per receive thread one socket bound with SO_REUSEPORT
/// (the kernel spreads clients over them by address hash, as it does for the server's loops),
/// a blocking ReceiveFrom into a reused buffer and <see cref="SocketAddress"/>, the minimal
/// answer of <see cref="BaselineResponse"/>, a SendTo. Two system calls per request and no
/// state: what remains is the cost of the kernel's UDP path.
/// </summary>
public sealed class BaselineResponder : IDisposable
{
    // <sys/socket.h> on Linux: .NET names no SO_REUSEPORT, and its SocketOptionLevel.Socket is not SOL_SOCKET.
    private const int SOL_SOCKET = 1;
    private const int SO_REUSEPORT = 15;
    private const int SO_RCVBUFFORCE = 33;

    // Room for the requests of 100,000 clients in flight (about 1 KiB of kernel memory each), so
    // that the ceiling is not lowered by drops; SO_RCVBUFFORCE needs root, else rmem_max caps it.
    private const int ReceiveBufferBytes = 128 * 1024 * 1024;
    private const int SendBufferBytes = 4 * 1024 * 1024;

    private readonly List<Socket> _sockets = [];
    private readonly List<Thread> _threads = [];
    private readonly long[] _answered;
    private volatile bool _stopping;

    /// <summary>Binds <paramref name="threads"/> sockets to <paramref name="endPoint"/> (port 0 picks one) and starts answering.</summary>
    public BaselineResponder(IPEndPoint endPoint, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _answered = new long[threads * 8]; // a cache line apart
        try
        {
            int port = endPoint.Port;
            for (int i = 0; i < threads; i++)
            {
                var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                _sockets.Add(socket);
                if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = true;
                }

                socket.SetRawSocketOption(SOL_SOCKET, SO_REUSEPORT, BitConverter.GetBytes(1));
                try
                {
                    socket.SetRawSocketOption(SOL_SOCKET, SO_RCVBUFFORCE, BitConverter.GetBytes(ReceiveBufferBytes));
                }
                catch (SocketException)
                {
                    socket.ReceiveBufferSize = ReceiveBufferBytes;
                }

                socket.SendBufferSize = SendBufferBytes;
                socket.Bind(new IPEndPoint(endPoint.Address, port));
                port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            }

            LocalEndPoint = new IPEndPoint(endPoint.Address, port);
        }
        catch
        {
            Dispose();
            throw;
        }

        for (int i = 0; i < threads; i++)
        {
            int index = i;
            var thread = new Thread(() => Run(index)) { IsBackground = true, Name = $"baseline-responder-{i}" };
            _threads.Add(thread);
            thread.UnsafeStart();
        }
    }

    /// <summary>Where the responder listens.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Requests answered so far (approximate while running).</summary>
    public long Answered
    {
        get
        {
            long sum = 0;
            for (int i = 0; i < _answered.Length; i += 8)
            {
                sum += Volatile.Read(ref _answered[i]);
            }

            return sum;
        }
    }

    private void Run(int index)
    {
        Socket socket = _sockets[index];
        byte[] request = GC.AllocateArray<byte>(2048, pinned: true);
        byte[] response = GC.AllocateArray<byte>(BaselineResponse.MaxResponseBytes, pinned: true);
        var remote = new SocketAddress(socket.AddressFamily);
        ref long answered = ref _answered[index * 8];
        while (!_stopping)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(request, SocketFlags.None, remote);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                break;
            }

            ulong seed = BaselineResponse.LocationSeed(remote.Buffer.Span[..remote.Size]);
            int length = BaselineResponse.Write(request.AsSpan(0, received), response, seed);
            if (length == 0)
            {
                continue;
            }

            try
            {
                socket.SendTo(response.AsSpan(0, length), SocketFlags.None, remote);
                answered++;
            }
            catch (SocketException)
            {
                // Dropped like any datagram; the client retransmits.
            }
            catch (ObjectDisposedException)
            {
                break;
            }
        }
    }

    /// <summary>Stops answering and closes the sockets.</summary>
    public void Dispose()
    {
        _stopping = true;
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(2));
        }
    }
}
