using System.Net;
using System.Net.Sockets;

namespace FastLwm2m.Transport;

/// <summary>Conversions of <see cref="SocketAddress"/> (allocating: for logs and APIs, not the hot path).</summary>
public static class SocketAddressExtensions
{
    private static readonly IPEndPoint V4Template = new(IPAddress.Any, 0);
    private static readonly IPEndPoint V6Template = new(IPAddress.IPv6Any, 0);

    /// <summary>The IP end point a socket address holds.</summary>
    public static IPEndPoint ToIPEndPoint(this SocketAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var template = address.Family == AddressFamily.InterNetworkV6 ? V6Template : V4Template;
        return (IPEndPoint)template.Create(address);
    }
}
