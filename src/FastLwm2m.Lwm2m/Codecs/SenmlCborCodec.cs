using System.Buffers;
using FastLwm2m.Lwm2m.Codecs.Internal;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// SenML CBOR, Content-Format 112 (<c>application/senml+cbor</c>; RFC 8428 §6, LwM2M 1.1 Core §7.4.5).
/// The records are those of <see cref="SenmlJsonCodec"/> as CBOR maps with the integer labels of
/// RFC 8428 Table 6 (bn -2, bt -3, n 0, v 2, vs 3, vb 4, t 6, vd 8) and the text label "vlo" for
/// object links; opaque values are byte strings, floats take the shortest exact precision. Decoding
/// accepts definite and indefinite lengths, tag 1 (epoch time) and tag 4 (decimal fraction) numbers.
/// Record times are ignored by TryDecode and TryDecodeNodes and kept by TryDecodeTimestampedNodes.
/// Thread-safe.
/// </summary>
public sealed class SenmlCborCodec : ILwm2mCompositeCodec, ITimestampedNotificationDecoder, ITimestampedCompositeNotificationDecoder
{
    /// <summary>The Content-Format id of <c>application/senml+cbor</c>.</summary>
    public const ushort Id = 112;

    private readonly TimeProvider _clock;

    /// <summary>A codec that resolves relative times against the system clock.</summary>
    public SenmlCborCodec()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A codec that resolves relative times (RFC 8428 §4.5.3) against <paramref name="clock"/>.</summary>
    public SenmlCborCodec(TimeProvider clock)
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
        SenmlCodecOperations.TryEncode(cbor: true, path, node, output, out error);

    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, out Lwm2mNode? node, out string? error) =>
        SenmlCodecOperations.TryDecode(cbor: true, payload, path, models, _clock, out node, out error);

    /// <inheritdoc />
    public bool TryEncodePaths(IReadOnlyList<Lwm2mPath> paths, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncodePaths(cbor: true, paths, output, out error);

    /// <inheritdoc />
    public bool TryDecodePaths(ReadOnlySpan<byte> payload, out IReadOnlyList<Lwm2mPath>? paths, out string? error) =>
        SenmlCodecOperations.TryDecodePaths(cbor: true, payload, _clock, out paths, out error);

    /// <inheritdoc />
    public bool TryEncodeNodes(IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncodeNodes(cbor: true, nodes, output, out error);

    /// <inheritdoc />
    public bool TryDecodeNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out string? error) =>
        SenmlCodecOperations.TryDecodeNodes(cbor: true, payload, models, _clock, out nodes, out error);

    /// <inheritdoc />
    public bool TryDecodeTimestampedNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<TimestampedNode>? nodes, out string? error) =>
        SenmlCodecOperations.TryDecodeTimestampedNodes(cbor: true, payload, models, _clock, out nodes, out error);

    /// <inheritdoc />
    bool ITimestampedNotificationDecoder.TryDecodeNotification(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models,
        out Lwm2mNode? node, out IReadOnlyList<TimestampedNode>? timestamped, out string? error) =>
        SenmlCodecOperations.TryDecodeNotification(cbor: true, payload, path, models, _clock, out node, out timestamped, out error);

    /// <inheritdoc />
    bool ITimestampedCompositeNotificationDecoder.TryDecodeCompositeNotification(ReadOnlySpan<byte> payload, IObjectModelProvider models,
        out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out IReadOnlyList<TimestampedNode>? timestamped, out string? error) =>
        SenmlCodecOperations.TryDecodeCompositeNotification(cbor: true, payload, models, _clock, out nodes, out timestamped, out error);

    /// <inheritdoc />
    public bool TryEncodeTimestampedNodes(IReadOnlyList<TimestampedNode> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error) =>
        SenmlCodecOperations.TryEncodeTimestampedNodes(cbor: true, nodes, output, out error);
}
