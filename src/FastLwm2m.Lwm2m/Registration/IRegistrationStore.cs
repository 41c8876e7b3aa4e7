namespace FastLwm2m.Lwm2m;

/// <summary>
/// Where registrations live. Indexes: by registration id, by endpoint name and by client address, all O(1).
/// Reads are lock-free and may run on any thread; writes are serialized by the implementation.
/// Every write returns what it changed, so the caller can raise the right event.
/// </summary>
public interface IRegistrationStore
{
    /// <summary>Number of registrations.</summary>
    int Count { get; }

    /// <summary>Adds a registration; returns the one of the same endpoint it replaced, if any.</summary>
    Registration? Add(Registration registration);

    /// <summary>
    /// Replaces the registration with the same id by <paramref name="updated"/>; returns the previous
    /// one, or null (and stores nothing) if that id is not registered.
    /// </summary>
    Registration? Replace(Registration updated);

    /// <summary>Removes a registration by id; returns it, or null if absent.</summary>
    Registration? Remove(string id);

    /// <summary>Removes <paramref name="registration"/> only if it is still the current one for its id.</summary>
    bool RemoveIfCurrent(Registration registration);

    /// <summary>Finds by registration id without allocating.</summary>
    Registration? GetById(ReadOnlySpan<char> id);

    /// <summary>Finds by the client's address (Send, notifications and wake-ups on plain UDP), without allocating.</summary>
    Registration? GetByAddress(System.Net.SocketAddress address);

    /// <summary>Finds by endpoint name.</summary>
    Registration? GetByEndpoint(string endpoint);

    /// <summary>A snapshot of every registration.</summary>
    IReadOnlyCollection<Registration> GetAll();
}
