using System.Net.Sockets;
using System.Runtime.InteropServices;
using static FastLwm2m.Load.Internal.Libc;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// One non-blocking UDP socket per simulated client, bound to an ephemeral port, all watched by
/// one epoll instance: what a fleet of real devices looks like from a remote server, at the cost
/// of one descriptor per client (so at most about 19,900 clients per process here, where the
/// open-file limit is 20,000). Used for non-loopback targets, where the 127.x.y.z source
/// addresses of <see cref="MultiAddressTransport"/> are not routable, and on request.
/// </summary>
internal sealed unsafe class SocketPerClientTransport : ClientTransport
{
    private const int MaxEvents = 256;
    private const int SocketBufferBytes = 64 * 1024;

    private readonly int[] _sockets;
    private readonly int _epoll;
    private readonly SockAddrIn _server;
    private readonly void* _events;
    private readonly int _eventSize;
    private readonly byte* _recvBuffers;
    private readonly int[] _recvLengths = new int[MaxEvents];
    private readonly int[] _recvClients = new int[MaxEvents];
    private readonly byte* _sendBuffer;
    private int _sendClient;
    private int _received;
    private bool _disposed;

    public SocketPerClientTransport(uint serverAddress, int serverPort, uint localAddress, int clientCount)
    {
        _server = IPv4(serverAddress, serverPort);
        _sockets = new int[clientCount];
        Array.Fill(_sockets, -1);
        _eventSize = EpollEventIsPacked ? sizeof(EpollEventPacked) : sizeof(EpollEventAligned);
        _events = NativeMemory.AllocZeroed(MaxEvents, (nuint)_eventSize);
        _recvBuffers = (byte*)NativeMemory.AllocZeroed(MaxEvents, MaxResponseBytes);
        _sendBuffer = (byte*)NativeMemory.AllocZeroed(MaxRequestBytes);
        _epoll = EpollCreate1(EPOLL_CLOEXEC);
        if (_epoll < 0)
        {
            Dispose();
            throw new SocketException(LastError);
        }

        try
        {
            var local = IPv4(localAddress, 0);
            for (int i = 0; i < clientCount; i++)
            {
                _sockets[i] = OpenClientSocket(&local, i);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public override string Name => "sockets";

    private int OpenClientSocket(SockAddrIn* local, int client)
    {
        int fd = Socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP);
        if (fd < 0)
        {
            int error = LastError;
            throw error == EMFILE
                ? new InvalidOperationException(
                    $"Out of file descriptors after {client} client sockets: the 'sockets' transport needs one per client. " +
                    "Use fewer clients per process or the 'addresses' transport (the default on loopback).")
                : new SocketException(error);
        }

        TrySetInt(fd, SOL_SOCKET, SO_RCVBUF, SocketBufferBytes);
        if (Bind(fd, local, (uint)sizeof(SockAddrIn)) != 0)
        {
            int error = LastError;
            Close(fd);
            throw new SocketException(error);
        }

        if (EpollEventIsPacked)
        {
            var ev = new EpollEventPacked { Events = EPOLLIN, Data = (ulong)client };
            Register(fd, &ev);
        }
        else
        {
            var ev = new EpollEventAligned { Events = EPOLLIN, Data = (ulong)client };
            Register(fd, &ev);
        }

        return fd;
    }

    private void Register(int fd, void* ev)
    {
        if (EpollCtl(_epoll, EPOLL_CTL_ADD, fd, ev) != 0)
        {
            int error = LastError;
            Close(fd);
            throw new SocketException(error);
        }
    }

    public override int Receive()
    {
        _received = 0;
        int ready = EpollWait(_epoll, _events, MaxEvents, PollMilliseconds);
        var source = default(SockAddrIn);
        for (int e = 0; e < ready; e++)
        {
            int client = (int)EventData(e);
            uint sourceLength = (uint)sizeof(SockAddrIn);
            byte* buffer = _recvBuffers + (_received * MaxResponseBytes);

            // Level-triggered: a socket with more than one datagram queued is reported again next time.
            nint n = RecvFrom(_sockets[client], buffer, MaxResponseBytes, MSG_DONTWAIT, &source, &sourceLength);
            if (n < 0)
            {
                continue;
            }

            _recvLengths[_received] = (int)n;
            _recvClients[_received] = source.PortNetworkOrder == _server.PortNetworkOrder ? client : -1;
            _received++;
        }

        return _received;
    }

    private ulong EventData(int e) => EpollEventIsPacked
        ? ((EpollEventPacked*)_events)[e].Data
        : ((EpollEventAligned*)_events)[e].Data;

    public override int ClientOf(int i) => _recvClients[i];

    public override ReadOnlySpan<byte> Datagram(int i) => new(_recvBuffers + (i * MaxResponseBytes), _recvLengths[i]);

    public override Span<byte> BeginSend(int client)
    {
        _sendClient = client;
        return new Span<byte>(_sendBuffer, MaxRequestBytes);
    }

    public override void CommitSend(int length)
    {
        var server = _server;
        nint n;
        do
        {
            n = SendTo(_sockets[_sendClient], _sendBuffer, (nuint)length, 0, &server, (uint)sizeof(SockAddrIn));
        }
        while (n < 0 && LastError == EINTR);

        if (n < 0)
        {
            SendErrors++;
        }
    }

    public override void Flush()
    {
        // Every datagram went out in CommitSend.
    }

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (int fd in _sockets)
        {
            if (fd >= 0)
            {
                Close(fd);
            }
        }

        if (_epoll >= 0)
        {
            Close(_epoll);
        }

        NativeMemory.Free(_events);
        NativeMemory.Free(_recvBuffers);
        NativeMemory.Free(_sendBuffer);
    }
}
