using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace FastLwm2m.Lwm2m.Internal;

/// <summary>
/// A client's IP address and port in 20 bytes inline (IPv4 kept as IPv4-mapped IPv6), instead of a
/// <see cref="SocketAddress"/> object and its buffer (~80 bytes) per registration. Reads the native
/// sockaddr layout, which puts the port at offset 2 and the address at 4 (IPv4) or 8 (IPv6) on
/// every platform .NET runs on.
/// </summary>
internal readonly struct CompactAddress : IEquatable<CompactAddress>
{
    private const int PortOffset = 2;
    private const int V4AddressOffset = 4;
    private const int V6AddressOffset = 8;
    private const int V6ScopeOffset = 24;

    private readonly ulong _high;
    private readonly ulong _low;
    private readonly ushort _port;
    private readonly bool _v6Socket; // the socket was IPv6 (dual mode): answer with a v6 address

    private CompactAddress(ulong high, ulong low, ushort port, bool v6Socket)
    {
        _high = high;
        _low = low;
        _port = port;
        _v6Socket = v6Socket;
    }

    public static CompactAddress From(SocketAddress address)
    {
        var bytes = address.Buffer.Span;
        ushort port = BinaryPrimitives.ReadUInt16BigEndian(bytes[PortOffset..]);
        if (address.Family == AddressFamily.InterNetworkV6 && address.Size > V6ScopeOffset)
        {
            return new CompactAddress(
                BinaryPrimitives.ReadUInt64BigEndian(bytes[V6AddressOffset..]),
                BinaryPrimitives.ReadUInt64BigEndian(bytes[(V6AddressOffset + 8)..]),
                port,
                v6Socket: true);
        }

        // IPv4: stored as ::ffff:a.b.c.d.
        uint v4 = BinaryPrimitives.ReadUInt32BigEndian(bytes[V4AddressOffset..]);
        return new CompactAddress(0, 0x0000_FFFF_0000_0000UL | v4, port, v6Socket: false);
    }

    public IPEndPoint ToIPEndPoint()
    {
        Span<byte> ip = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(ip, _high);
        BinaryPrimitives.WriteUInt64BigEndian(ip[8..], _low);
        var v6 = new IPAddress(ip);
        return new IPEndPoint(_v6Socket || !v6.IsIPv4MappedToIPv6 ? v6 : v6.MapToIPv4(), _port);
    }

    public bool Equals(CompactAddress other) =>
        _high == other._high && _low == other._low && _port == other._port && _v6Socket == other._v6Socket;

    public override bool Equals(object? obj) => obj is CompactAddress a && Equals(a);

    public override int GetHashCode() => HashCode.Combine(_high, _low, _port);

    public override string ToString() => ToIPEndPoint().ToString();
}
