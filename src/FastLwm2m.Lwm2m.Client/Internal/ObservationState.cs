using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>
/// One observation the server holds on this client (Observe or Observe-Composite, keyed by its
/// token): the CoAP resource its notifications go through, when the last one went out and when
/// its notification criteria were last evaluated, the values it carried (for gt/lt/st and for
/// the epmax evaluation), the changes waiting for epmin or pmin, and the timer that fires at the
/// next pmin, pmax, epmin or epmax deadline. Guarded by the client's lock.
/// </summary>
internal sealed class ObservationState : IDisposable
{
    public ObservationState(CoapToken token, IReadOnlyList<Lwm2mPath> paths, bool composite, ObservableResource resource, long nowMilliseconds)
    {
        Token = token;
        Paths = paths;
        IsComposite = composite;
        Resource = resource;
        CreatedAt = nowMilliseconds;
        LastNotifiedAt = nowMilliseconds;
        LastEvaluatedAt = nowMilliseconds;
    }

    public CoapToken Token { get; }

    public IReadOnlyList<Lwm2mPath> Paths { get; }

    public bool IsComposite { get; }

    public ObservableResource Resource { get; }

    public long CreatedAt { get; }

    /// <summary>When the last notification (or the Observe response) was decided.</summary>
    public long LastNotifiedAt { get; set; }

    /// <summary>When the notification criteria were last evaluated (the Observe response samples the values too).</summary>
    public long LastEvaluatedAt { get; set; }

    /// <summary>Observed paths a change touched within epmin of the last evaluation: evaluated once epmin has passed.</summary>
    public HashSet<Lwm2mPath>? PendingEvaluation { get; set; }

    /// <summary>A change met the criteria and waits for pmin to pass.</summary>
    public bool ChangePending { get; set; }

    /// <summary>The engine has registered the observer (seen once with ObserverCount &gt; 0).</summary>
    public bool Established { get; set; }

    public bool Removed { get; set; }

    /// <summary>
    /// The node of each observed path as last sent (null: none): its number for gt/lt/st, and what an
    /// epmax evaluation compares a fresh sample with (Core §5.1.2).
    /// </summary>
    public Dictionary<Lwm2mPath, Lwm2mNode?> LastSent { get; } = new();

    public ITimer? Timer { get; set; }

    /// <summary>The client whose timer callback evaluates this observation.</summary>
    public Lwm2mClient? Owner { get; set; }

    public void Dispose()
    {
        Removed = true;
        Timer?.Dispose();
        Timer = null;
    }
}
