using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>
/// One observation the server holds on this client (Observe or Observe-Composite, keyed by its
/// token): the CoAP resource its notifications go through, when the last one went out, the
/// numeric values it carried (for gt/lt/st), whether a change waits for pmin, and the timer
/// that fires at the next pmin or pmax deadline. Guarded by the client's lock.
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
    }

    public CoapToken Token { get; }

    public IReadOnlyList<Lwm2mPath> Paths { get; }

    public bool IsComposite { get; }

    public ObservableResource Resource { get; }

    public long CreatedAt { get; }

    /// <summary>When the last notification (or the Observe response) was decided.</summary>
    public long LastNotifiedAt { get; set; }

    /// <summary>A change met the criteria and waits for pmin to pass.</summary>
    public bool ChangePending { get; set; }

    /// <summary>The engine has registered the observer (seen once with ObserverCount &gt; 0).</summary>
    public bool Established { get; set; }

    public bool Removed { get; set; }

    /// <summary>Numeric values of single-value paths as last sent, for gt/lt/st (Core §5.1.2).</summary>
    public Dictionary<Lwm2mPath, double> LastValues { get; } = new();

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
