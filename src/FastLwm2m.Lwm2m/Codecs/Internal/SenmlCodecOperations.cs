using System.Buffers;
using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// What <see cref="SenmlJsonCodec"/> and <see cref="SenmlCborCodec"/> share: both read a pack into
/// resolved records and build nodes from them, and both lay nodes out as the same records; only the
/// representation of a record differs (RFC 8428 §5 and §6).
/// </summary>
internal static class SenmlCodecOperations
{
    public static bool CanEncode(Lwm2mPath path, Lwm2mNode node)
    {
        int depth = node switch
        {
            Lwm2mObject => 1,
            Lwm2mObjectInstance => 2,
            Lwm2mResource => 3,
            Lwm2mResourceInstance => 4,
            _ => -1,
        };
        return depth == path.Depth && node.Id == CompositePathText.IdAt(path, depth - 1);
    }

    public static bool TryRead(bool cbor, ReadOnlySpan<byte> payload, List<CompositeRecord> records, TimeProvider clock, out string? error) =>
        cbor ? SenmlCborReader.TryRead(payload, records, clock, out error) : SenmlJsonReader.TryRead(payload, records, clock, out error);

    public static bool TryDecode(bool cbor, ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, TimeProvider clock, out Lwm2mNode? node, out string? error)
    {
        node = null;
        var records = CompositeCache.RentRecords();
        try
        {
            return TryRead(cbor, payload, records, clock, out error)
                && CompositeNodeBuilder.TryBuildNode(records, path, models, out node, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    public static bool TryDecodePaths(bool cbor, ReadOnlySpan<byte> payload, TimeProvider clock, out IReadOnlyList<Lwm2mPath>? paths, out string? error)
    {
        paths = null;
        var records = CompositeCache.RentRecords();
        try
        {
            return TryRead(cbor, payload, records, clock, out error)
                && CompositeNodeBuilder.TryBuildPaths(records, out paths, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    public static bool TryDecodeNodes(bool cbor, ReadOnlySpan<byte> payload, IObjectModelProvider models, TimeProvider clock, out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out string? error)
    {
        nodes = null;
        var records = CompositeCache.RentRecords();
        try
        {
            return TryRead(cbor, payload, records, clock, out error)
                && CompositeNodeBuilder.TryBuildNodes(records, models, out nodes, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    public static bool TryDecodeTimestampedNodes(bool cbor, ReadOnlySpan<byte> payload, IObjectModelProvider models, TimeProvider clock, out IReadOnlyList<TimestampedNode>? nodes, out string? error)
    {
        nodes = null;
        var records = CompositeCache.RentRecords();
        try
        {
            return TryRead(cbor, payload, records, clock, out error)
                && CompositeNodeBuilder.TryBuildTimestamped(records, models, out nodes, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    /// <summary>A notification: the node from the latest record per path, and every record with its time when one has a time.</summary>
    public static bool TryDecodeNotification(bool cbor, ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, TimeProvider clock,
        out Lwm2mNode? node, out IReadOnlyList<TimestampedNode>? timestamped, out string? error)
    {
        node = null;
        timestamped = null;
        var records = CompositeCache.RentRecords();
        try
        {
            if (!TryRead(cbor, payload, records, clock, out error))
            {
                return false;
            }

            if (TimedRecords.HasTime(records))
            {
                if (!CompositeNodeBuilder.TryBuildTimestamped(records, models, out timestamped, out error))
                {
                    return false;
                }

                TimedRecords.KeepLatest(records);
            }

            if (!CompositeNodeBuilder.TryBuildNode(records, path, models, out node, out error))
            {
                timestamped = null;
                return false;
            }

            return true;
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    /// <summary>A composite notification: the latest record per path, and every record with a value and its time when one has a time.</summary>
    public static bool TryDecodeCompositeNotification(bool cbor, ReadOnlySpan<byte> payload, IObjectModelProvider models, TimeProvider clock,
        out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out IReadOnlyList<TimestampedNode>? timestamped, out string? error)
    {
        nodes = null;
        timestamped = null;
        var records = CompositeCache.RentRecords();
        try
        {
            if (!TryRead(cbor, payload, records, clock, out error))
            {
                return false;
            }

            if (TimedRecords.HasTime(records))
            {
                if (!CompositeNodeBuilder.TryBuildTimestamped(TimedRecords.WithValues(records), models, out timestamped, out error))
                {
                    return false;
                }

                TimedRecords.KeepLatest(records);
            }

            if (!CompositeNodeBuilder.TryBuildNodes(records, models, out nodes, out error))
            {
                timestamped = null;
                return false;
            }

            return true;
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    public static bool TryEncode(bool cbor, Lwm2mPath path, Lwm2mNode node, IBufferWriter<byte> output, out string? error)
    {
        var leaves = CompositeCache.RentLeaves();
        try
        {
            if (!CompositeLeaves.TryAdd(leaves, path, node, null, keepEmptyContainers: false, finiteFloatsOnly: !cbor, out error))
            {
                return false;
            }

            Write(cbor, leaves, path.WithoutVersion, relative: true, output);
            return true;
        }
        finally
        {
            CompositeCache.Return(leaves);
        }
    }

    public static bool TryEncodePaths(bool cbor, IReadOnlyList<Lwm2mPath> paths, IBufferWriter<byte> output, out string? error)
    {
        var leaves = CompositeCache.RentLeaves();
        try
        {
            foreach (var path in paths)
            {
                AddPathOnly(leaves, path);
            }

            return WriteFull(cbor, leaves, output, out error);
        }
        finally
        {
            CompositeCache.Return(leaves);
        }
    }

    public static bool TryEncodeNodes(bool cbor, IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes, IBufferWriter<byte> output, out string? error)
    {
        var leaves = CompositeCache.RentLeaves();
        try
        {
            foreach (var (path, node) in nodes)
            {
                if (node is null)
                {
                    AddPathOnly(leaves, path);
                }
                else if (!CompositeLeaves.TryAdd(leaves, path, node, null, keepEmptyContainers: false, finiteFloatsOnly: !cbor, out error))
                {
                    return false;
                }
            }

            return WriteFull(cbor, leaves, output, out error);
        }
        finally
        {
            CompositeCache.Return(leaves);
        }
    }

    public static bool TryEncodeTimestampedNodes(bool cbor, IReadOnlyList<TimestampedNode> nodes, IBufferWriter<byte> output, out string? error)
    {
        var leaves = CompositeCache.RentLeaves();
        try
        {
            foreach (var entry in nodes)
            {
                if (!CompositeLeaves.TryAdd(leaves, entry.Path, entry.Node, entry.Timestamp, keepEmptyContainers: false, finiteFloatsOnly: !cbor, out error))
                {
                    return false;
                }
            }

            return WriteFull(cbor, leaves, output, out error);
        }
        finally
        {
            CompositeCache.Return(leaves);
        }
    }

    /// <summary>A record with a name and no value: a path of a Read-Composite request, or a composite entry without a node.</summary>
    private static void AddPathOnly(List<CompositeLeaf> leaves, Lwm2mPath path) =>
        leaves.Add(new CompositeLeaf(path.WithoutVersion, CompositeLeafKind.PathOnly, default, null));

    /// <summary>A composite pack: full names, no base name.</summary>
    private static bool WriteFull(bool cbor, List<CompositeLeaf> leaves, IBufferWriter<byte> output, out string? error)
    {
        Write(cbor, leaves, Lwm2mPath.Root, relative: false, output);
        error = null;
        return true;
    }

    private static void Write(bool cbor, List<CompositeLeaf> leaves, Lwm2mPath basePath, bool relative, IBufferWriter<byte> output)
    {
        if (cbor)
        {
            var writer = CompositeCache.RentWriter();
            try
            {
                WritePack(new SenmlCborRecordWriter(writer), leaves, basePath, relative);
                CompositeCache.CopyTo(writer, output);
            }
            finally
            {
                CompositeCache.Return(writer);
            }
        }
        else
        {
            using var json = new Utf8JsonWriter(output, SenmlJsonRecordWriter.Options);
            WritePack(new SenmlJsonRecordWriter(json), leaves, basePath, relative);
            json.Flush();
        }
    }

    private static void WritePack<TWriter>(TWriter records, List<CompositeLeaf> leaves, Lwm2mPath basePath, bool relative)
        where TWriter : struct, ISenmlRecordWriter
    {
        if (relative)
        {
            SenmlPackWriter.WriteRelative(records, leaves, basePath);
        }
        else
        {
            SenmlPackWriter.WriteFull(records, leaves);
        }
    }
}
