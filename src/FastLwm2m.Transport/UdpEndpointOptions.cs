using System.Net;
using System.Net.Sockets;

namespace FastLwm2m.Transport;

/// <summary>Options of a <see cref="UdpEndpoint"/>, with the defaults every server starts from.</summary>
public sealed class UdpEndpointOptions
{
    /// <summary>Address to bind. Default <see cref="IPAddress.IPv6Any"/> in dual mode (IPv4 and IPv6).</summary>
    public IPAddress Address { get; set; } = IPAddress.IPv6Any;

    /// <summary>Port to bind; 0 picks a free port (read it back from <see cref="UdpEndpoint.LocalEndPoint"/>).</summary>
    public int Port { get; set; }

    /// <summary>Number of receive loops, each with its own SO_REUSEPORT socket on Linux. Default: one per core.</summary>
    public int LoopCount { get; set; } = Environment.ProcessorCount;

    /// <summary>SO_RCVBUF in bytes. Default 4 MiB: the kernel's 208 KiB drops a burst of a few hundred CONs.</summary>
    public int ReceiveBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>SO_SNDBUF in bytes. Default 4 MiB.</summary>
    public int SendBufferBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest datagram received; larger ones are truncated and counted as dropped. Default 65,535.</summary>
    public int MaxDatagramBytes { get; set; } = 65_535;

    /// <summary>Timing wheel resolution in milliseconds. Default 10.</summary>
    public int TimerTickMilliseconds { get; set; } = 10;

    /// <summary>Timing wheel slots per loop. Default 1024 (about 10 s per revolution at 10 ms).</summary>
    public int TimerSlots { get; set; } = 1024;

    /// <summary>
    /// Clock for the timing wheels. Default <see cref="TimeProvider.System"/>; tests pass a fake
    /// one together with <see cref="AutoTick"/> = false and call <see cref="UdpEndpoint.Tick"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Whether a background thread advances the wheels every tick. Default true.</summary>
    public bool AutoTick { get; set; } = true;

    /// <summary>
    /// Makes the loops share one socket even on Linux, as they do elsewhere, so tests on Linux
    /// cover that path too.
    /// </summary>
    internal bool ShareSocket { get; set; }

    internal const int MaxLoopCount = 256;
    internal const int MaxTimerSlots = 1 << 20;
    internal const int MinDatagramBytes = 64;
    internal const int MaxTimerTickMilliseconds = 1000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Address is null)
        {
            throw Invalid(nameof(Address), "must not be null");
        }

        if (Address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw Invalid(nameof(Address), $"must be an IPv4 or IPv6 address, got {Address.AddressFamily}");
        }

        CheckRange(nameof(Port), Port, IPEndPoint.MinPort, IPEndPoint.MaxPort);
        CheckRange(nameof(LoopCount), LoopCount, 1, MaxLoopCount);
        CheckPositive(nameof(ReceiveBufferBytes), ReceiveBufferBytes);
        CheckPositive(nameof(SendBufferBytes), SendBufferBytes);

        // 65,535 is the most a UDP length field can describe (RFC 768).
        CheckRange(nameof(MaxDatagramBytes), MaxDatagramBytes, MinDatagramBytes, ushort.MaxValue);
        CheckRange(nameof(TimerTickMilliseconds), TimerTickMilliseconds, 1, MaxTimerTickMilliseconds);
        CheckRange(nameof(TimerSlots), TimerSlots, 1, MaxTimerSlots);
        if (TimeProvider is null)
        {
            throw Invalid(nameof(TimeProvider), "must not be null");
        }
    }

    private static void CheckRange(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw Invalid(name, $"must be between {min} and {max}, got {value}");
        }
    }

    private static void CheckPositive(string name, int value)
    {
        if (value <= 0)
        {
            throw Invalid(name, $"must be greater than 0, got {value}");
        }
    }

    private static ArgumentException Invalid(string name, string problem) =>
        new($"FastLwm2m transport option '{name}' {problem}.", name);
}
