using System.Net;
using FastLwm2m.Transport;

namespace FastLwm2m.Coap;

/// <summary>
/// The identity of a remote endpoint as the engine knows it: stable for as long as the peer has
/// state, so upper layers may keep it (e.g. on a registration) to send requests back.
/// </summary>
public abstract class CoapPeerInfo
{
    private IPEndPoint? _endPoint;

    /// <summary>The peer's socket address (a private copy owned by the engine; do not mutate).</summary>
    public abstract SocketAddress Address { get; }

    /// <summary>The peer's IP end point.</summary>
    public IPEndPoint EndPoint => _endPoint ??= Address.ToIPEndPoint();

    /// <inheritdoc />
    public override string ToString() => EndPoint.ToString();
}
