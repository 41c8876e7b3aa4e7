namespace FastLwm2m.Lwm2m.Client;

/// <summary>The Location object's instance (object 6): latitude, longitude and the time they were taken.</summary>
public class LocationEnabler : InstanceEnabler
{
    /// <summary>Latitude (0).</summary>
    public const int LatitudeId = 0;
    /// <summary>Longitude (1).</summary>
    public const int LongitudeId = 1;
    /// <summary>Timestamp (5).</summary>
    public const int TimestampId = 5;

    /// <summary>Creates the instance at a position.</summary>
    public LocationEnabler(ObjectModel model, double latitude = 47.3769, double longitude = 8.5417) : base(model, 0)
    {
        TryInitialize(LatitudeId, Lwm2mValue.FromFloat(latitude));
        TryInitialize(LongitudeId, Lwm2mValue.FromFloat(longitude));
        TryInitialize(TimestampId, Lwm2mValue.FromUnixTime(Time.GetUtcNow().ToUnixTimeSeconds()));
    }

    /// <summary>Moves the device (a local change: observers of the location are notified).</summary>
    public void MoveTo(double latitude, double longitude)
    {
        lock (Sync)
        {
            Store(LatitudeId, Lwm2mValue.FromFloat(latitude));
            Store(LongitudeId, Lwm2mValue.FromFloat(longitude));
            Store(TimestampId, Lwm2mValue.FromUnixTime(Time.GetUtcNow().ToUnixTimeSeconds()));
        }

        Object?.Client?.FlushChanges();
    }
}
