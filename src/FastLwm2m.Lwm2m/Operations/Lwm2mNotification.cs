namespace FastLwm2m.Lwm2m;

/// <summary>
/// A decoded notification of an observation: <see cref="Content"/> (Observe) or
/// <see cref="CompositeContent"/> (Observe-Composite) holds the latest value of each path;
/// <see cref="TimestampedContent"/> every value with its time when the payload carries times (a
/// client reporting history, Core §6.4.1; SenML JSON/CBOR, LwM2M JSON), null otherwise.
/// </summary>
public sealed record Lwm2mNotification(
    Lwm2mObservation Observation,
    Lwm2mResponseCode Code,
    Lwm2mNode? Content,
    IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? CompositeContent,
    IReadOnlyList<Codecs.TimestampedNode>? TimestampedContent,
    uint? Sequence,
    string? ErrorMessage)
{
    /// <summary>
    /// With <see cref="Lwm2mServerOptions.DeferNotificationAcknowledgement"/>: the ACK of a
    /// confirmable notification, to send once the data is safe (committed); null otherwise.
    /// </summary>
    public FastLwm2m.Coap.CoapAcknowledgement? Acknowledgement { get; init; }
}
