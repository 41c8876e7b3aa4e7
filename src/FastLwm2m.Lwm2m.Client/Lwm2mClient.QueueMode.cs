using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Client.Internal;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// Queue mode, client side (Transport §6.5): while the client sleeps, requests from the server are
/// held (acknowledged, answered on waking up) and notifications wait; waking up sends an Update.
/// </summary>
public sealed partial class Lwm2mClient
{
    private readonly List<HeldRequest> _held = new();
    private bool _sleeping;

    /// <summary>Whether the client sleeps (<see cref="Sleep"/>).</summary>
    public bool IsSleeping
    {
        get
        {
            lock (Sync)
            {
                return _sleeping;
            }
        }
    }

    /// <summary>Requests held while asleep (tests).</summary>
    internal int HeldRequestCount
    {
        get
        {
            lock (Sync)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>
    /// Falls asleep (queue mode, Transport §6.5): requests from the server are held (acknowledged,
    /// answered when the client wakes up) and notifications wait. Lifetime Updates still go out.
    /// </summary>
    public void Sleep()
    {
        lock (Sync)
        {
            _sleeping = true;
        }
    }

    /// <summary>
    /// Wakes up: sends an Update (which tells a queue-mode server the client is reachable), answers
    /// the requests held meanwhile (an Observe among them is answered as a Read) and sends the
    /// notifications that became due. Completes with the Update's outcome.
    /// </summary>
    public async Task<Lwm2mResponse> WakeUpAsync(CancellationToken cancellationToken = default)
    {
        HeldRequest[] held;
        lock (Sync)
        {
            _sleeping = false;
            held = _held.ToArray();
            _held.Clear();
        }

        var update = await UpdateAsync(cancellationToken).ConfigureAwait(false);
        foreach (var request in held)
        {
            var response = Handle(request.Request);
            _ = request.Response.RespondAsync(response.ToMessage());
        }

        List<ObservableResource>? notify;
        lock (Sync)
        {
            notify = ReevaluateObservations();
        }

        QueueNotifications(notify);
        return update;
    }

    /// <summary>Holds a request while asleep (receive loop); false when awake.</summary>
    internal bool TryHold(ClientRequest request, CoapResponseBuilder response)
    {
        lock (Sync)
        {
            if (!_sleeping)
            {
                return false;
            }

            _held.Add(new HeldRequest(request, response.Defer()));
            return true;
        }
    }
}
