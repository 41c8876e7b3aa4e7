using System.Buffers;
using FastLwm2m.Lwm2m.Codecs.Internal;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// SenML JSON, Content-Format 110 (<c>application/senml+json</c>; RFC 8428 §5, LwM2M 1.1 Core §7.4.5).
/// A node read at a path is written as records named relative to a base name:
/// <c>[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"9","v":100},…]</c>;
/// composite payloads name every record in full (<c>[{"n":"/3/0/9"},{"n":"/1/0/1"}]</c>).
/// Values: <c>v</c> for numbers and Time, <c>vs</c> for String and Corelnk, <c>vb</c>, <c>vd</c>
/// (base64url without padding) and <c>vlo</c> ("3:0"). Decoding accepts any split of a name between
/// <c>bn</c> and <c>n</c>, types numbers by the model (a fraction for an Integer resource is an
/// error) and resolves times by RFC 8428 §4.5.3 (below 2^28: relative to now). Record times are
/// ignored by TryDecode and TryDecodeNodes and kept by TryDecodeTimestampedNodes. Thread-safe.
/// </summary>
public sealed class SenmlJsonCodec : ILwm2mCompositeCodec, ITimestampedNotificationDecoder, ITimestampedCompositeNotificationDecoder
{
    /// <summary>The Content-Format id of <c>application/senml+json</c>.</summary>
    public const ushort Id = 110;

    private readonly TimeProvider _clock;

    /// <summary>A codec that resolves relative times against the system clock.</summary>
    public SenmlJsonCodec()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A codec that resolves relative times (RFC 8428 §4.5.3) against <paramref name="clock"/>.</summary>
    public SenmlJsonCodec(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    /// <inheritdoc />
    public ushort ContentFormat => Id;

    /// <inheritdoc />
    public bool CanEncode(Lwm2mPath path, Lwm2mNode node) => SenmlCodecOperations.CanEncode(path, node);

    /// <inheritdoc />
    public bool TryEncode(Lwm2mPath path, Lwm2mNode node, IObjectModelProvider models, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncode(cbor: false, path, node, output, out error);

    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, out Lwm2mNode? node, out string? error) =>
        SenmlCodecOperations.TryDecode(cbor: false, payload, path, models, _clock, out node, out error);

    /// <inheritdoc />
    public bool TryEncodePaths(IReadOnlyList<Lwm2mPath> paths, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncodePaths(cbor: false, paths, output, out error);

    /// <inheritdoc />
    public bool TryDecodePaths(ReadOnlySpan<byte> payload, out IReadOnlyList<Lwm2mPath>? paths, out string? error) =>
        SenmlCodecOperations.TryDecodePaths(cbor: false, payload, _clock, out paths, out error);

    /// <inheritdoc />
    public bool TryEncodeNodes(IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncodeNodes(cbor: false, nodes, output, out error);

    /// <inheritdoc />
    public bool TryDecodeNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out string? error) =>
        SenmlCodecOperations.TryDecodeNodes(cbor: false, payload, models, _clock, out nodes, out error);

    /// <inheritdoc />
    public bool TryDecodeTimestampedNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<TimestampedNode>? nodes, out string? error) =>
        SenmlCodecOperations.TryDecodeTimestampedNodes(cbor: false, payload, models, _clock, out nodes, out error);

    /// <inheritdoc />
    bool ITimestampedNotificationDecoder.TryDecodeNotification(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models,
        out Lwm2mNode? node, out IReadOnlyList<TimestampedNode>? timestamped, out string? error) =>
        SenmlCodecOperations.TryDecodeNotification(cbor: false, payload, path, models, _clock, out node, out timestamped, out error);

    /// <inheritdoc />
    bool ITimestampedCompositeNotificationDecoder.TryDecodeCompositeNotification(ReadOnlySpan<byte> payload, IObjectModelProvider models,
        out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out IReadOnlyList<TimestampedNode>? timestamped, out string? error) =>
        SenmlCodecOperations.TryDecodeCompositeNotification(cbor: false, payload, models, _clock, out nodes, out timestamped, out error);

    /// <inheritdoc />
    public bool TryEncodeTimestampedNodes(IReadOnlyList<TimestampedNode> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncodeTimestampedNodes(cbor: false, nodes, output, out error);
}
