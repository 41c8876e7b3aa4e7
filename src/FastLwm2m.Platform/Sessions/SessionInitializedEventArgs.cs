namespace FastLwm2m.Platform.Sessions;

/// <summary>The initialization operations of a registration (Register, or an Update that changed objects) finished.</summary>
public sealed class SessionInitializedEventArgs : EventArgs
{
    /// <summary>Creates the event.</summary>
    public SessionInitializedEventArgs(string endpoint, string registrationId, int succeeded, int failed, IReadOnlyList<int> rejectedObjects)
    {
        Endpoint = endpoint;
        RegistrationId = registrationId;
        Succeeded = succeeded;
        Failed = failed;
        RejectedObjects = rejectedObjects;
    }

    /// <summary>The device's endpoint name.</summary>
    public string Endpoint { get; }

    /// <summary>The registration initialized.</summary>
    public string RegistrationId { get; }

    /// <summary>Operations (Read, Read-Composite, Write-Attributes, Observe…) that succeeded.</summary>
    public int Succeeded { get; }

    /// <summary>Operations that failed (each logged in the transport log).</summary>
    public int Failed { get; }

    /// <summary>Profile objects skipped: their version differs from the registered one, or the client lacks them.</summary>
    public IReadOnlyList<int> RejectedObjects { get; }
}
