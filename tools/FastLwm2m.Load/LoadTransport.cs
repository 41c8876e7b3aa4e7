namespace FastLwm2m.Load;

/// <summary>How simulated clients get their own source address and port.</summary>
public enum LoadTransport
{
    /// <summary><see cref="Addresses"/> for a loopback server, <see cref="Sockets"/> otherwise.</summary>
    Auto,

    /// <summary>
    /// One socket per shard; client i sends from 127.x.y.z (the source base + i) on the shard's
    /// port, chosen per datagram with IP_PKTINFO. Loopback only; no descriptor per client.
    /// </summary>
    Addresses,

    /// <summary>One socket (and descriptor) per client, bound to an ephemeral port.</summary>
    Sockets,
}
