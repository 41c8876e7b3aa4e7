using FastLwm2m.Coap.Internal;

namespace FastLwm2m.Coap;

/// <summary>
/// A resource this endpoint serves that peers may observe (RFC 7641, observed side). A handler
/// accepts an observation with <see cref="CoapResponseBuilder.AcceptObservation"/>; on
/// <see cref="Changed"/> the engine runs the handler again for every observer and sends the
/// response as a notification with the next sequence number. Notifications are NON unless
/// <see cref="Confirmable"/>, with a CON at least every NotificationConfirmableInterval (24 h).
/// An observer is dropped on RST, on a CON notification that times out, on GET with
/// Observe = 1, and on a non-2.xx notification.
/// </summary>
public sealed class ObservableResource
{
    private readonly List<ObserveRelation> _relations = new();

    /// <summary>Creates a resource; the name is for logs.</summary>
    public ObservableResource(string name) => Name = name;

    /// <summary>Name for logs.</summary>
    public string Name { get; }

    /// <summary>Send every notification as CON.</summary>
    public bool Confirmable { get; set; }

    /// <summary>Current number of observers.</summary>
    public int ObserverCount
    {
        get
        {
            lock (_relations)
            {
                return _relations.Count;
            }
        }
    }

    /// <summary>Notifies every observer (runs the handler for each). Thread-safe.</summary>
    public void Changed()
    {
        ObserveRelation[] snapshot;
        lock (_relations)
        {
            snapshot = _relations.ToArray();
        }

        foreach (var relation in snapshot)
        {
            relation.Peer.Engine.Notify(relation);
        }
    }

    internal void Add(ObserveRelation relation)
    {
        lock (_relations)
        {
            _relations.Add(relation);
        }
    }

    internal void Remove(ObserveRelation relation)
    {
        lock (_relations)
        {
            _relations.Remove(relation);
        }
    }
}
