namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// A codec whose values may carry times (SenML JSON/CBOR, LwM2M JSON), decoding the notification of
/// an Observe in one read of the payload (Core §6.4.1: a client may notify historical values).
/// </summary>
internal interface ITimestampedNotificationDecoder
{
    /// <summary>
    /// Decodes the node at <paramref name="path"/>, built from the latest value of each path; when
    /// any value has a time, also every value with its time, as the codec's timestamped decoding
    /// gives them (null otherwise: the common case costs no more than a plain decode).
    /// </summary>
    bool TryDecodeNotification(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models,
        out Lwm2mNode? node, out IReadOnlyList<TimestampedNode>? timestamped, out string? error);
}
