using System.Buffers;
using FastLwm2m.Lwm2m.Codecs.Internal;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// LwM2M CBOR, Content-Format 11544 (<c>application/vnd.oma.lwm2m+cbor</c>; LwM2M 1.2 Core §7.4.7):
/// nested maps keyed by ids, <c>{3: {0: {0: "Open Mobile Alliance", 9: 87, 11: {0: 0}}}}</c>.
/// Encoding nests plainly from the root; decoding also accepts keys that are arrays of ids
/// collapsing several levels (<c>{[3, 0, 9]: 87}</c>), definite and indefinite lengths, mixed.
/// A null leaf is a path without value (a Read-Composite request, a Write-Composite delete); an
/// empty map keeps an empty instance or multiple resource. The format has no timestamps: decoded
/// timestamped nodes have none, and encoding a timestamp is an error. Thread-safe.
/// </summary>
public sealed class Lwm2mCborCodec : ILwm2mCompositeCodec
{
    /// <summary>The Content-Format id of <c>application/vnd.oma.lwm2m+cbor</c>.</summary>
    public const ushort Id = 11544;

    /// <inheritdoc />
    public ushort ContentFormat => Id;

    /// <inheritdoc />
    public bool CanEncode(Lwm2mPath path, Lwm2mNode node) => SenmlCodecOperations.CanEncode(path, node);

    /// <inheritdoc />
    public bool TryEncode(Lwm2mPath path, Lwm2mNode node, IObjectModelProvider models, IBufferWriter<byte> output, out string? error)
    {
        var leaves = CompositeCache.RentLeaves();
        try
        {
            return CompositeLeaves.TryAdd(leaves, path, node, null, keepEmptyContainers: true, finiteFloatsOnly: false, out error)
                && TryWrite(leaves, output, out error);
        }
        finally
        {
            CompositeCache.Return(leaves);
        }
    }

    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, out Lwm2mNode? node, out string? error)
    {
        node = null;
        var records = CompositeCache.RentRecords();
        try
        {
            return Lwm2mCborReader.TryRead(payload, records, out error)
                && CompositeNodeBuilder.TryBuildNode(records, path, models, out node, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    /// <inheritdoc />
    public bool TryEncodePaths(IReadOnlyList<Lwm2mPath> paths, IBufferWriter<byte> output, out string? error)
    {
        var leaves = CompositeCache.RentLeaves();
        try
        {
            foreach (var path in paths)
            {
                leaves.Add(new CompositeLeaf(path.WithoutVersion, CompositeLeafKind.PathOnly, default, null));
            }

            return TryWrite(leaves, output, out error);
        }
        finally
        {
            CompositeCache.Return(leaves);
        }
    }

    /// <inheritdoc />
    public bool TryDecodePaths(ReadOnlySpan<byte> payload, out IReadOnlyList<Lwm2mPath>? paths, out string? error)
    {
        paths = null;
        var records = CompositeCache.RentRecords();
        try
        {
            return Lwm2mCborReader.TryRead(payload, records, out error)
                && CompositeNodeBuilder.TryBuildPaths(records, out paths, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    /// <inheritdoc />
    public bool TryEncodeNodes(IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error)
    {
        var leaves = CompositeCache.RentLeaves();
        try
        {
            foreach (var (path, node) in nodes)
            {
                if (node is null)
                {
                    leaves.Add(new CompositeLeaf(path.WithoutVersion, CompositeLeafKind.PathOnly, default, null));
                }
                else if (!CompositeLeaves.TryAdd(leaves, path, node, null, keepEmptyContainers: true, finiteFloatsOnly: false, out error))
                {
                    return false;
                }
            }

            return TryWrite(leaves, output, out error);
        }
        finally
        {
            CompositeCache.Return(leaves);
        }
    }

    /// <inheritdoc />
    public bool TryDecodeNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out string? error)
    {
        nodes = null;
        var records = CompositeCache.RentRecords();
        try
        {
            return Lwm2mCborReader.TryRead(payload, records, out error)
                && CompositeNodeBuilder.TryBuildNodes(records, models, out nodes, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    /// <inheritdoc />
    public bool TryDecodeTimestampedNodes(ReadOnlySpan<byte> payload, IObjectModelProvider models, out IReadOnlyList<TimestampedNode>? nodes, out string? error)
    {
        nodes = null;
        var records = CompositeCache.RentRecords();
        try
        {
            return Lwm2mCborReader.TryRead(payload, records, out error)
                && CompositeNodeBuilder.TryBuildTimestamped(records, models, out nodes, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    /// <inheritdoc />
    public bool TryEncodeTimestampedNodes(IReadOnlyList<TimestampedNode> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error)
    {
        var leaves = CompositeCache.RentLeaves();
        try
        {
            foreach (var entry in nodes)
            {
                if (entry.Timestamp is not null)
                {
                    error = $"{entry.Path}: LwM2M CBOR carries no timestamps (Core 1.2 §7.4.7); use SenML for timestamped values";
                    return false;
                }

                if (!CompositeLeaves.TryAdd(leaves, entry.Path, entry.Node, null, keepEmptyContainers: true, finiteFloatsOnly: false, out error))
                {
                    return false;
                }
            }

            return TryWrite(leaves, output, out error);
        }
        finally
        {
            CompositeCache.Return(leaves);
        }
    }

    private static bool TryWrite(List<CompositeLeaf> leaves, IBufferWriter<byte> output, out string? error)
    {
        if (!Lwm2mCborWriter.TryPrepare(leaves, out error))
        {
            return false;
        }

        var writer = CompositeCache.RentWriter();
        try
        {
            Lwm2mCborWriter.Write(writer, leaves);
            CompositeCache.CopyTo(writer, output);
            return true;
        }
        finally
        {
            CompositeCache.Return(writer);
        }
    }
}
