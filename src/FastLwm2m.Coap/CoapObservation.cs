using FastLwm2m.Coap.Internal;

namespace FastLwm2m.Coap;

/// <summary>
/// An observation this endpoint holds on a remote resource (RFC 7641, observer side). Fresh
/// notifications (§3.4) go to the handler; CON notifications are acknowledged when the handler
/// accepts them; an unknown token is answered RST.
/// </summary>
public sealed class CoapObservation
{
    internal readonly CoapPeer PeerState;
    internal readonly CoapNotificationHandler Handler;
    internal uint? LastSequence;
    internal long LastNotificationMilliseconds;
    internal volatile bool Active;

    internal CoapObservation(CoapPeer peer, CoapMessage request, CoapNotificationHandler handler)
    {
        PeerState = peer;
        Request = request;
        Handler = handler;
    }

    /// <summary>The observed peer.</summary>
    public CoapPeerInfo Peer => PeerState;

    /// <summary>The registration request (its token identifies the observation).</summary>
    public CoapMessage Request { get; }

    /// <summary>The token.</summary>
    public CoapToken Token => Request.Token;

    /// <summary>The result of the registration request.</summary>
    public CoapResult InitialResult { get; internal set; }

    /// <summary>Whether notifications are still expected.</summary>
    public bool IsActive => Active;

    /// <summary>Number of fresh notifications delivered.</summary>
    public long NotificationCount => Interlocked.Read(ref NotificationCounter);

    internal long NotificationCounter;

    /// <summary>Completed with this observation when the registration request ends.</summary>
    internal readonly TaskCompletionSource<CoapObservation> Registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Stops observing. Passive (<paramref name="proactive"/> false): forget the token, so the
    /// next notification is answered RST (§3.6). Proactive: also send a GET with Observe = 1 and
    /// the same token, and return its result.
    /// </summary>
    public Task<CoapResult> CancelAsync(bool proactive = true, CancellationToken cancellationToken = default) =>
        PeerState.Engine.CancelObservation(this, proactive, cancellationToken);

    /// <summary>Sends the registration again with the same token (§3.3.1), e.g. after Max-Age.</summary>
    public Task<CoapResult> ReregisterAsync(CancellationToken cancellationToken = default) =>
        PeerState.Engine.Reregister(this, cancellationToken);
}
