namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// An instance of the Security object (object 0): the account of an LwM2M server (URI, NoSec
/// mode, Short Server ID). A device management server can neither read nor change it (the client
/// answers 4.01); only the application (and a bootstrap server) sees it.
/// </summary>
public class SecurityEnabler : InstanceEnabler
{
    /// <summary>Security Mode: NoSec (3).</summary>
    public const int SecurityModeNoSec = 3;

    /// <summary>Creates the instance.</summary>
    public SecurityEnabler(ObjectModel model, int id, string serverUri, int shortServerId, bool bootstrapServer = false) : base(model, id, initializeMandatory: false)
    {
        TryInitialize(0, Lwm2mValue.FromString(serverUri));
        TryInitialize(1, Lwm2mValue.FromBoolean(bootstrapServer));
        TryInitialize(2, Lwm2mValue.FromInteger(SecurityModeNoSec));
        TryInitialize(3, Lwm2mValue.FromOpaque([]));
        TryInitialize(4, Lwm2mValue.FromOpaque([]));
        TryInitialize(5, Lwm2mValue.FromOpaque([]));
        TryInitialize(10, Lwm2mValue.FromInteger(shortServerId));
    }
}
