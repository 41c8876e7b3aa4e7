namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// The Connectivity Monitoring object's instance (object 4): an LTE bearer with plausible radio
/// figures and addresses, held in memory (change them with <see cref="InstanceEnabler.SetValue(int, Lwm2mValue)"/>).
/// </summary>
public class ConnectivityMonitoringEnabler : InstanceEnabler
{
    /// <summary>Radio Signal Strength (2), dBm.</summary>
    public const int RadioSignalStrengthId = 2;

    /// <summary>Creates the instance.</summary>
    public ConnectivityMonitoringEnabler(ObjectModel model, string ipAddress = "192.0.2.10") : base(model, 0)
    {
        TryInitialize(0, Lwm2mValue.FromInteger(6));
        TryInitialize(1, Lwm2mValue.FromInteger(6), Lwm2mValue.FromInteger(7));
        TryInitialize(RadioSignalStrengthId, Lwm2mValue.FromInteger(-70));
        TryInitialize(3, Lwm2mValue.FromInteger(90));
        TryInitialize(4, Lwm2mValue.FromString(ipAddress));
        TryInitialize(5, Lwm2mValue.FromString("192.0.2.1"));
        TryInitialize(6, Lwm2mValue.FromInteger(10));
        TryInitialize(7, Lwm2mValue.FromString("internet"));
        TryInitialize(8, Lwm2mValue.FromInteger(12345));
        TryInitialize(9, Lwm2mValue.FromInteger(1));
        TryInitialize(10, Lwm2mValue.FromInteger(262));
    }
}
