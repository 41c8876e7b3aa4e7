using System.Buffers;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// A format that carries several paths in one payload (SenML JSON/CBOR, LwM2M CBOR; Core §7.4.5-7.4.7):
/// Read-Composite and Observe-Composite requests (paths only), their responses and Write-Composite
/// (nodes by path), and timestamped values (Send, notifications with history).
/// </summary>
public interface ILwm2mCompositeCodec : ILwm2mNodeCodec
{
    /// <summary>Encodes a list of paths (a Read-Composite or Observe-Composite request body).</summary>
    bool TryEncodePaths(IReadOnlyList<Lwm2mPath> paths, IBufferWriter<byte> output, out string? error);

    /// <summary>Decodes a list of paths.</summary>
    bool TryDecodePaths(ReadOnlySpan<byte> payload, out IReadOnlyList<Lwm2mPath>? paths, out string? error);

    /// <summary>
    /// Encodes nodes by path (a Read-Composite response, a Write-Composite request); a null node
    /// encodes a path without a value (in Write-Composite: delete).
    /// </summary>
    bool TryEncodeNodes(IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error);

    /// <summary>Decodes nodes by path; a path without value decodes to a null node.</summary>
    bool TryDecodeNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out string? error);

    /// <summary>Decodes timestamped values (Send, notifications): one entry per (time, path) in payload order.</summary>
    bool TryDecodeTimestampedNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<TimestampedNode>? nodes, out string? error);

    /// <summary>Encodes timestamped values (what a client's Send carries).</summary>
    bool TryEncodeTimestampedNodes(IReadOnlyList<TimestampedNode> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error);
}
