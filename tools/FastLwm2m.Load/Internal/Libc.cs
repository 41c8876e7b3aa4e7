using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// The few Linux system calls the client transports need and <see cref="System.Net.Sockets.Socket"/>
/// does not expose: sendmmsg/recvmmsg with ancillary data (IP_PKTINFO, ip(7)) and epoll.
/// Layouts are those of LP64 Linux (x86-64 and arm64 agree).
/// </summary>
internal static unsafe partial class Libc
{
    private const string LibraryName = "libc";

    public const int AF_INET = 2;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int IPPROTO_UDP = 17;

    public const int SOL_SOCKET = 1;
    public const int SO_SNDBUF = 7;
    public const int SO_RCVBUF = 8;
    public const int SO_RCVTIMEO = 20;
    public const int SO_SNDBUFFORCE = 32;
    public const int SO_RCVBUFFORCE = 33;

    public const int SOL_IP = 0;
    public const int IP_PKTINFO = 8;

    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_WAITFORONE = 0x10000;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int EMFILE = 24;

    public const int EPOLL_CLOEXEC = 0x80000;
    public const int EPOLL_CTL_ADD = 1;
    public const uint EPOLLIN = 1;

    public const int _SC_CLK_TCK = 2;

    /// <summary>struct sockaddr_in: family, port and address in network order, 8 bytes of zero.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockAddrIn
    {
        public ushort Family;
        public ushort PortNetworkOrder;
        public uint AddressNetworkOrder;
        public ulong Zero;
    }

    /// <summary>struct timeval, for SO_RCVTIMEO.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeVal
    {
        public long Seconds;
        public long Microseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MMsgHdr
    {
        public MsgHdr Header;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CMsgHdr
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    /// <summary>struct in_pktinfo (ip(7)): on send, SpecDst chooses the source address.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InPktInfo
    {
        public int InterfaceIndex;
        public uint SpecDstNetworkOrder;
        public uint AddressNetworkOrder;
    }

    /// <summary>struct epoll_event is packed on x86-64 (12 bytes), naturally aligned (16) on arm64.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEventPacked
    {
        public uint Events;
        public ulong Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct EpollEventAligned
    {
        public uint Events;
        public ulong Data;
    }

    /// <summary>CMSG_ALIGN: control messages are aligned to sizeof(size_t).</summary>
    public static int CMsgAlign(int length) => (length + sizeof(nuint) - 1) & ~(sizeof(nuint) - 1);

    /// <summary>CMSG_SPACE(sizeof(struct in_pktinfo)).</summary>
    public static int PktInfoControlSpace => CMsgAlign(sizeof(CMsgHdr)) + CMsgAlign(sizeof(InPktInfo));

    /// <summary>CMSG_LEN(sizeof(struct in_pktinfo)).</summary>
    public static int PktInfoControlLength => CMsgAlign(sizeof(CMsgHdr)) + sizeof(InPktInfo);

    /// <summary>Whether epoll_event has the packed x86-64 layout.</summary>
    public static bool EpollEventIsPacked => RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    [LibraryImport(LibraryName, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(LibraryName, EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, SockAddrIn* address, uint length);

    [LibraryImport(LibraryName, EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(int fd, SockAddrIn* address, uint* length);

    [LibraryImport(LibraryName, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(LibraryName, EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMMsg(int fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport(LibraryName, EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int RecvMMsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport(LibraryName, EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, byte* buffer, nuint length, int flags, SockAddrIn* address, uint addressLength);

    [LibraryImport(LibraryName, EntryPoint = "recvfrom", SetLastError = true)]
    public static partial nint RecvFrom(int fd, byte* buffer, nuint length, int flags, SockAddrIn* address, uint* addressLength);

    [LibraryImport(LibraryName, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport(LibraryName, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epfd, int op, int fd, void* ev);

    [LibraryImport(LibraryName, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epfd, void* events, int maxEvents, int timeoutMilliseconds);

    public const int SIGTERM = 15;

    [LibraryImport(LibraryName, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(LibraryName, EntryPoint = "sysconf", SetLastError = true)]
    public static partial long SysConf(int name);

    /// <summary>errno of the last call above.</summary>
    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>Sets an int socket option; returns false on failure.</summary>
    public static bool TrySetInt(int fd, int level, int name, int value) => SetSockOpt(fd, level, name, &value, sizeof(int)) == 0;

    /// <summary>A sockaddr_in from a host-order IPv4 address and port.</summary>
    public static SockAddrIn IPv4(uint addressHostOrder, int port) => new()
    {
        Family = AF_INET,
        PortNetworkOrder = HostToNetwork((ushort)port),
        AddressNetworkOrder = HostToNetwork(addressHostOrder),
    };

    /// <summary>htonl / ntohl.</summary>
    public static uint HostToNetwork(uint value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    /// <summary>htons / ntohs.</summary>
    public static ushort HostToNetwork(ushort value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
}
