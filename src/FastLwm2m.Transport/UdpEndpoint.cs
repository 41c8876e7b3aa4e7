using System.Net;

namespace FastLwm2m.Transport;

/// <summary>
/// A UDP endpoint with one receive loop per core. On Linux each loop has its own socket bound
/// to the same address with SO_REUSEPORT; elsewhere the loops share one socket. Binds IPv6 in
/// dual mode by default, so IPv4 peers arrive as IPv4-mapped addresses.
/// </summary>
public sealed class UdpEndpoint : IAsyncDisposable
{
    // TODO(transport): implement. Keep the public members.

    /// <summary>Creates an endpoint; <paramref name="handlerFactory"/> is called once per loop.</summary>
    /// <exception cref="ArgumentException">An invalid option (the message names it).</exception>
    public UdpEndpoint(UdpEndpointOptions options, Func<UdpLoop, IDatagramHandler> handlerFactory) => throw new NotImplementedException();

    /// <summary>The bound address and port (valid after <see cref="Start"/>).</summary>
    public IPEndPoint LocalEndPoint => throw new NotImplementedException();

    /// <summary>The loops (created by <see cref="Start"/>).</summary>
    public IReadOnlyList<UdpLoop> Loops => throw new NotImplementedException();

    /// <summary>Binds the sockets and starts the receive threads (and the tick thread if AutoTick).</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The address could not be bound.</exception>
    public void Start() => throw new NotImplementedException();

    /// <summary>Advances every loop's wheel to the clock's current time (under each loop's gate).</summary>
    public void Tick() => throw new NotImplementedException();

    /// <summary>Counters summed over the loops.</summary>
    public TransportCounters GetCounters() => throw new NotImplementedException();

    /// <summary>Stops receiving, waits for the threads to end, closes the sockets. Idempotent.</summary>
    public Task StopAsync() => throw new NotImplementedException();

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
