using System.Net;
using System.Net.Sockets;

namespace FastLwm2m.Transport.Internal;

/// <summary>Creates and binds the sockets of a <see cref="UdpEndpoint"/>.</summary>
internal static class UdpSockets
{
    // <sys/socket.h> on Linux (asm-generic): SOL_SOCKET and SO_REUSEPORT (since Linux 3.9).
    // .NET has no SocketOptionName for SO_REUSEPORT, so it is set as a raw option.
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    // WSAIoctl SIO_UDP_CONNRESET: stops Windows reporting an ICMP port unreachable as a
    // ConnectionReset on the next receive, which a server with many peers would see constantly.
    private const int SioUdpConnectionReset = unchecked((int)0x9800000C);

    /// <summary>
    /// Whether each loop gets its own socket. Linux balances datagrams over SO_REUSEPORT sockets
    /// by a hash of the 4-tuple, so a peer always reaches the same loop; other systems either do
    /// not balance UDP that way or give the port to the last socket bound, so there the loops
    /// share one socket.
    /// </summary>
    public static bool UseSocketPerLoop(UdpEndpointOptions options) =>
        OperatingSystem.IsLinux() && !options.ShareSocket && options.LoopCount > 1;

    /// <summary>
    /// The address to bind: the configured one, except that the default IPv6 wildcard falls back
    /// to the IPv4 one on a host without IPv6, so the defaults work everywhere.
    /// </summary>
    public static IPAddress BindAddress(UdpEndpointOptions options) =>
        options.Address.Equals(IPAddress.IPv6Any) && !Socket.OSSupportsIPv6 ? IPAddress.Any : options.Address;

    /// <summary>Creates, configures and binds the sockets; on failure closes any already made.</summary>
    public static Socket[] Bind(UdpEndpointOptions options)
    {
        IPAddress address = BindAddress(options);
        bool perLoop = UseSocketPerLoop(options);
        var sockets = new Socket[perLoop ? options.LoopCount : 1];
        try
        {
            int port = options.Port;
            for (int i = 0; i < sockets.Length; i++)
            {
                Socket socket = Create(address.AddressFamily, options, perLoop);
                sockets[i] = socket;
                socket.Bind(new IPEndPoint(address, port));

                // With port 0 the first bind picks a free port; its siblings then join that port.
                port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            }

            return sockets;
        }
        catch
        {
            foreach (Socket? socket in sockets)
            {
                socket?.Dispose();
            }

            throw;
        }
    }

    private static Socket Create(AddressFamily family, UdpEndpointOptions options, bool reusePort)
    {
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (family == AddressFamily.InterNetworkV6)
            {
                // IPV6_V6ONLY off: IPv4 peers arrive as IPv4-mapped addresses (RFC 4291, 2.5.5.2).
                socket.DualMode = true;
            }

            if (reusePort)
            {
                // Must be set on every socket of the group before bind.
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            }

            if (OperatingSystem.IsWindows())
            {
                socket.IOControl(SioUdpConnectionReset, [0, 0, 0, 0], null);
            }

            // The kernel clamps these to net.core.rmem_max / wmem_max; a smaller buffer than asked
            // is not an error, it only drops a burst sooner.
            socket.ReceiveBufferSize = options.ReceiveBufferBytes;
            socket.SendBufferSize = options.SendBufferBytes;
            ForceBufferSizes(socket, options);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Linux: SO_RCVBUFFORCE / SO_SNDBUFFORCE (socket(7)) go past net.core.rmem_max/wmem_max for a
    // process with CAP_NET_ADMIN. Without it the call fails and the clamped size stays.
    private const int SoSndBufForce = 32;
    private const int SoRcvBufForce = 33;

    private static void ForceBufferSizes(Socket socket, UdpEndpointOptions options)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Linux doubles the value it stores (for bookkeeping), so what it reports is twice the request.
        if (socket.ReceiveBufferSize < options.ReceiveBufferBytes)
        {
            TrySetInt(socket, SoRcvBufForce, options.ReceiveBufferBytes);
        }

        if (socket.SendBufferSize < options.SendBufferBytes)
        {
            TrySetInt(socket, SoSndBufForce, options.SendBufferBytes);
        }
    }

    private static void TrySetInt(Socket socket, int option, int value)
    {
        try
        {
            Span<byte> bytes = stackalloc byte[sizeof(int)];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
            if (!BitConverter.IsLittleEndian)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, value);
            }

            socket.SetRawSocketOption(SolSocket, option, bytes);
        }
        catch (SocketException)
        {
            // No CAP_NET_ADMIN: keep the size the kernel allowed.
        }
    }
}
