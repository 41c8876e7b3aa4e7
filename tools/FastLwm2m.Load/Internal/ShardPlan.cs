using System.Text;

namespace FastLwm2m.Load.Internal;

/// <summary>The settings every shard of a run shares, in the units the hot path uses.</summary>
internal sealed class ShardPlan
{
    /// <summary>How long a client waits for the separate response after an empty ACK before counting a timeout.</summary>
    public const int SeparateResponseTimeoutMilliseconds = 30_000;

    public ShardPlan(LoadOptions options)
    {
        Scenario = options.Scenario;
        Deregister = !options.Reregister;
        AckTimeoutMilliseconds = (int)options.AckTimeout.TotalMilliseconds;
        MaxRetransmit = options.MaxRetransmit;
        ThinkMilliseconds = (int)options.Think.TotalMilliseconds;
        RampMilliseconds = (int)options.EffectiveRamp.TotalMilliseconds;
        EndpointQueryPrefix = Encoding.UTF8.GetBytes("ep=" + options.EndpointPrefix);
        LifetimeQuery = Encoding.UTF8.GetBytes($"lt={options.Lifetime}");
        ObjectLinks = Encoding.UTF8.GetBytes(options.ObjectLinks);
    }

    public LoadScenario Scenario { get; }

    /// <summary>In the register scenario: de-register between registrations (else re-register).</summary>
    public bool Deregister { get; }

    /// <summary>ACK_TIMEOUT (RFC 7252 §4.8), default 2 s.</summary>
    public int AckTimeoutMilliseconds { get; }

    /// <summary>ACK_RANDOM_FACTOR (§4.8).</summary>
    public double AckRandomFactor { get; } = 1.5;

    /// <summary>MAX_RETRANSMIT (§4.8), default 4.</summary>
    public int MaxRetransmit { get; }

    /// <summary>Pause between a response and the client's next request; 0 for a closed loop.</summary>
    public int ThinkMilliseconds { get; }

    /// <summary>Clients start spread evenly over this long.</summary>
    public int RampMilliseconds { get; }

    /// <summary>"ep=" and the endpoint-name prefix, UTF-8; the client's global index follows.</summary>
    public byte[] EndpointQueryPrefix { get; }

    /// <summary>"lt=&lt;lifetime&gt;", UTF-8.</summary>
    public byte[] LifetimeQuery { get; }

    /// <summary>The Register payload (application/link-format).</summary>
    public byte[] ObjectLinks { get; }
}
