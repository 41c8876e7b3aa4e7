using System.Buffers;
using FastLwm2m.Lwm2m.Codecs.Internal;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// What <see cref="SenmlJsonCodec"/> and <see cref="SenmlCborCodec"/> have in common: the same SenML
/// records (RFC 8428, LwM2M Core §7.4.5) read and written in JSON or in CBOR. Only those two derive
/// from it. Record times are ignored by TryDecode and TryDecodeNodes and kept by
/// TryDecodeTimestampedNodes. Thread-safe.
/// </summary>
public abstract class SenmlCodec : ILwm2mCompositeCodec, ITimestampedNotificationDecoder, ITimestampedCompositeNotificationDecoder
{
    private readonly TimeProvider _clock;
    private readonly bool _cbor;

    private protected SenmlCodec(TimeProvider clock, bool cbor)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _cbor = cbor;
    }

    /// <inheritdoc />
    public ushort ContentFormat => _cbor ? SenmlCborCodec.Id : SenmlJsonCodec.Id;

    /// <inheritdoc />
    public bool CanEncode(Lwm2mPath path, Lwm2mNode node) => SenmlCodecOperations.CanEncode(path, node);

    /// <inheritdoc />
    public bool TryEncode(Lwm2mPath path, Lwm2mNode node, IObjectModelProvider models, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncode(_cbor, path, node, output, out error);

    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, out Lwm2mNode? node, out string? error) =>
        SenmlCodecOperations.TryDecode(_cbor, payload, path, models, _clock, out node, out error);

    /// <inheritdoc />
    public bool TryEncodePaths(IReadOnlyList<Lwm2mPath> paths, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncodePaths(_cbor, paths, output, out error);

    /// <inheritdoc />
    public bool TryDecodePaths(ReadOnlySpan<byte> payload, out IReadOnlyList<Lwm2mPath>? paths, out string? error) =>
        SenmlCodecOperations.TryDecodePaths(_cbor, payload, _clock, out paths, out error);

    /// <inheritdoc />
    public bool TryEncodeNodes(IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncodeNodes(_cbor, nodes, output, out error);

    /// <inheritdoc />
    public bool TryDecodeNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out string? error) =>
        SenmlCodecOperations.TryDecodeNodes(_cbor, payload, models, _clock, out nodes, out error);

    /// <inheritdoc />
    public bool TryDecodeTimestampedNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<TimestampedNode>? nodes, out string? error) =>
        SenmlCodecOperations.TryDecodeTimestampedNodes(_cbor, payload, models, _clock, out nodes, out error);

    /// <inheritdoc />
    bool ITimestampedNotificationDecoder.TryDecodeNotification(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models,
        out Lwm2mNode? node, out IReadOnlyList<TimestampedNode>? timestamped, out string? error) =>
        SenmlCodecOperations.TryDecodeNotification(_cbor, payload, path, models, _clock, out node, out timestamped, out error);

    /// <inheritdoc />
    bool ITimestampedCompositeNotificationDecoder.TryDecodeCompositeNotification(ReadOnlySpan<byte> payload, IObjectModelProvider models,
        out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out IReadOnlyList<TimestampedNode>? timestamped, out string? error) =>
        SenmlCodecOperations.TryDecodeCompositeNotification(_cbor, payload, models, _clock, out nodes, out timestamped, out error);

    /// <inheritdoc />
    public bool TryEncodeTimestampedNodes(IReadOnlyList<TimestampedNode> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncodeTimestampedNodes(_cbor, nodes, output, out error);
}
