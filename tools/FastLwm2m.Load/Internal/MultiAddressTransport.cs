using System.Net.Sockets;
using System.Runtime.InteropServices;
using static FastLwm2m.Load.Internal.Libc;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// Many simulated clients behind one UDP socket: client i owns the loopback address
/// <c>firstAddress + i</c> and shares the socket's port, so the server sees a distinct
/// (address, port) per client while the harness spends one descriptor and one thread on all of
/// them. Linux routes the whole of 127.0.0.0/8 to lo as local addresses, so the socket, bound to
/// 0.0.0.0, sends from any of them by naming the source in an IP_PKTINFO control message
/// (ip(7): <c>ipi_spec_dst</c>) and learns which client a reply is for from the IP_PKTINFO the
/// kernel attaches on receive (<c>ipi_addr</c>, the reply's destination address). Datagrams move
/// in batches of up to <see cref="BatchSize"/> with recvmmsg/sendmmsg, so the harness pays about
/// one system call per batch where the server pays two per request.
/// </summary>
internal sealed unsafe class MultiAddressTransport : ClientTransport
{
    /// <summary>Datagrams per recvmmsg/sendmmsg.</summary>
    public const int BatchSize = 256;

    // Receive buffer per client: in a closed loop every client has a request in flight, and a
    // fast target can answer all of them before the harness thread is scheduled again. Unless the
    // harness's queue can hold them, drops (and retransmissions) would be the harness's doing.
    // Needs root (SO_RCVBUFFORCE); otherwise net.core.rmem_max caps it.
    private const int ReceiveBufferBytesPerClient = 2048;
    private const int MinSocketBufferBytes = 8 * 1024 * 1024;
    private const int MaxSocketBufferBytes = 1024 * 1024 * 1024;

    private readonly int _fd;
    private readonly uint _firstAddress;
    private readonly int _clientCount;
    private readonly SockAddrIn _server;
    private readonly int _controlSpace;

    // Receive side: BatchSize headers, vectors, source addresses, control buffers and payload slots.
    private readonly MMsgHdr* _recvHeaders;
    private readonly IoVec* _recvVectors;
    private readonly SockAddrIn* _recvSources;
    private readonly byte* _recvControl;
    private readonly byte* _recvBuffers;
    private int _received;

    // Send side: one shared destination; each message carries its own IP_PKTINFO source.
    private readonly MMsgHdr* _sendHeaders;
    private readonly IoVec* _sendVectors;
    private readonly byte* _sendControl;
    private readonly byte* _sendBuffers;
    private readonly SockAddrIn* _sendDestination;
    private int _queued;
    private bool _disposed;

    public MultiAddressTransport(uint serverAddress, int serverPort, uint firstAddress, int clientCount)
    {
        _firstAddress = firstAddress;
        _clientCount = clientCount;
        _server = IPv4(serverAddress, serverPort);
        _controlSpace = PktInfoControlSpace;

        _fd = Socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
        if (_fd < 0)
        {
            throw new SocketException(LastError);
        }

        try
        {
            Configure((int)Math.Clamp((long)clientCount * ReceiveBufferBytesPerClient, MinSocketBufferBytes, MaxSocketBufferBytes));
        }
        catch
        {
            Close(_fd);
            throw;
        }

        _recvHeaders = Allocate<MMsgHdr>(BatchSize);
        _recvVectors = Allocate<IoVec>(BatchSize);
        _recvSources = Allocate<SockAddrIn>(BatchSize);
        _recvControl = Allocate<byte>(BatchSize * _controlSpace);
        _recvBuffers = Allocate<byte>(BatchSize * MaxResponseBytes);
        _sendHeaders = Allocate<MMsgHdr>(BatchSize);
        _sendVectors = Allocate<IoVec>(BatchSize);
        _sendControl = Allocate<byte>(BatchSize * _controlSpace);
        _sendBuffers = Allocate<byte>(BatchSize * MaxRequestBytes);
        _sendDestination = Allocate<SockAddrIn>(1);
        *_sendDestination = _server;

        for (int i = 0; i < BatchSize; i++)
        {
            _recvVectors[i] = new IoVec { Base = _recvBuffers + (i * MaxResponseBytes), Length = MaxResponseBytes };
            ref MsgHdr r = ref _recvHeaders[i].Header;
            r.Name = _recvSources + i;
            r.Iov = _recvVectors + i;
            r.IovLength = 1;
            r.Control = _recvControl + (i * _controlSpace);
            ResetReceiveHeader(i);

            _sendVectors[i] = new IoVec { Base = _sendBuffers + (i * MaxRequestBytes), Length = 0 };
            ref MsgHdr s = ref _sendHeaders[i].Header;
            s.Name = _sendDestination;
            s.NameLength = (uint)sizeof(SockAddrIn);
            s.Iov = _sendVectors + i;
            s.IovLength = 1;
            s.Control = _sendControl + (i * _controlSpace);
            s.ControlLength = (nuint)_controlSpace;
            var cmsg = (CMsgHdr*)s.Control;
            cmsg->Length = (nuint)PktInfoControlLength;
            cmsg->Level = SOL_IP;
            cmsg->Type = IP_PKTINFO;
        }
    }

    public override string Name => "addresses";

    /// <summary>The port every client of this transport sends from.</summary>
    public int LocalPort { get; private set; }

    private void Configure(int receiveBufferBytes)
    {
        if (!TrySetInt(_fd, SOL_SOCKET, SO_RCVBUFFORCE, receiveBufferBytes))
        {
            TrySetInt(_fd, SOL_SOCKET, SO_RCVBUF, receiveBufferBytes);
        }

        if (!TrySetInt(_fd, SOL_SOCKET, SO_SNDBUFFORCE, MinSocketBufferBytes))
        {
            TrySetInt(_fd, SOL_SOCKET, SO_SNDBUF, MinSocketBufferBytes);
        }

        if (!TrySetInt(_fd, SOL_IP, IP_PKTINFO, 1))
        {
            throw new SocketException(LastError);
        }

        var timeout = new TimeVal { Seconds = 0, Microseconds = PollMilliseconds * 1000 };
        if (SetSockOpt(_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, (uint)sizeof(TimeVal)) != 0)
        {
            throw new SocketException(LastError);
        }

        var any = IPv4(0, 0);
        if (Bind(_fd, &any, (uint)sizeof(SockAddrIn)) != 0)
        {
            throw new SocketException(LastError);
        }

        var local = default(SockAddrIn);
        uint length = (uint)sizeof(SockAddrIn);
        if (GetSockName(_fd, &local, &length) != 0)
        {
            throw new SocketException(LastError);
        }

        LocalPort = HostToNetwork(local.PortNetworkOrder);
    }

    private static T* Allocate<T>(int count)
        where T : unmanaged => (T*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(T));

    private void ResetReceiveHeader(int i)
    {
        // The kernel overwrites these three on every received message.
        ref MsgHdr r = ref _recvHeaders[i].Header;
        r.NameLength = (uint)sizeof(SockAddrIn);
        r.ControlLength = (nuint)_controlSpace;
        r.Flags = 0;
    }

    public override int Receive()
    {
        for (int i = 0; i < _received; i++)
        {
            ResetReceiveHeader(i);
        }

        // MSG_WAITFORONE: block (up to SO_RCVTIMEO) for the first datagram, then take what is queued.
        int n = RecvMMsg(_fd, _recvHeaders, BatchSize, MSG_WAITFORONE, null);
        _received = n > 0 ? n : 0;
        return _received;
    }

    public override int ClientOf(int i)
    {
        // Only the port is compared: a server bound to a wildcard address answers a request sent
        // to 127.0.0.2 from 127.0.0.1, the source its route to 127.x.y.z prefers.
        if (_recvSources[i].PortNetworkOrder != _server.PortNetworkOrder)
        {
            return -1;
        }

        ref MsgHdr header = ref _recvHeaders[i].Header;
        byte* control = (byte*)header.Control;
        int controlLength = (int)header.ControlLength;
        int offset = 0;
        while (offset + sizeof(CMsgHdr) <= controlLength)
        {
            var cmsg = (CMsgHdr*)(control + offset);
            if ((int)cmsg->Length < sizeof(CMsgHdr))
            {
                break;
            }

            if (cmsg->Level == SOL_IP && cmsg->Type == IP_PKTINFO)
            {
                var info = (InPktInfo*)(control + offset + CMsgAlign(sizeof(CMsgHdr)));
                uint index = HostToNetwork(info->AddressNetworkOrder) - _firstAddress;
                return index < (uint)_clientCount ? (int)index : -1;
            }

            offset += CMsgAlign((int)cmsg->Length);
        }

        return -1;
    }

    public override ReadOnlySpan<byte> Datagram(int i) =>
        new(_recvBuffers + (i * MaxResponseBytes), (int)Math.Min(_recvHeaders[i].Length, MaxResponseBytes));

    public override Span<byte> BeginSend(int client)
    {
        if (_queued == BatchSize)
        {
            Flush();
        }

        var info = (InPktInfo*)((byte*)_sendHeaders[_queued].Header.Control + CMsgAlign(sizeof(CMsgHdr)));
        info->InterfaceIndex = 0;
        info->SpecDstNetworkOrder = HostToNetwork(_firstAddress + (uint)client);
        info->AddressNetworkOrder = 0;
        return new Span<byte>(_sendBuffers + (_queued * MaxRequestBytes), MaxRequestBytes);
    }

    public override void CommitSend(int length)
    {
        _sendVectors[_queued].Length = (nuint)length;
        _queued++;
    }

    public override void Flush()
    {
        int sent = 0;
        while (sent < _queued)
        {
            int n = SendMMsg(_fd, _sendHeaders + sent, (uint)(_queued - sent), 0);
            if (n > 0)
            {
                sent += n;
            }
            else if (n < 0 && LastError == EINTR)
            {
                continue;
            }
            else
            {
                // sendmmsg reports the error of the first message it could not send: drop that one.
                SendErrors++;
                sent++;
            }
        }

        _queued = 0;
    }

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Close(_fd);
        NativeMemory.Free(_recvHeaders);
        NativeMemory.Free(_recvVectors);
        NativeMemory.Free(_recvSources);
        NativeMemory.Free(_recvControl);
        NativeMemory.Free(_recvBuffers);
        NativeMemory.Free(_sendHeaders);
        NativeMemory.Free(_sendVectors);
        NativeMemory.Free(_sendControl);
        NativeMemory.Free(_sendBuffers);
        NativeMemory.Free(_sendDestination);
    }
}
