namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// A composite codec whose values may carry times (SenML JSON/CBOR), decoding the notification of an
/// Observe-Composite in one read of the payload (Core §6.4.3, with historical values as in §6.4.1).
/// </summary>
internal interface ITimestampedCompositeNotificationDecoder
{
    /// <summary>
    /// Decodes the nodes by path, the latest value of each path; when any value has a time, also
    /// every value with its time, as <see cref="ILwm2mCompositeCodec.TryDecodeTimestampedNodes"/>
    /// gives them (null otherwise).
    /// </summary>
    bool TryDecodeCompositeNotification(ReadOnlySpan<byte> payload, IObjectModelProvider models,
        out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out IReadOnlyList<TimestampedNode>? timestamped, out string? error);
}
