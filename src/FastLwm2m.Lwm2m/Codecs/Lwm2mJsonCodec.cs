using System.Buffers;
using System.Text.Json;
using FastLwm2m.Lwm2m.Codecs.Internal;

namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// LwM2M JSON, Content-Format 11543 (<c>application/vnd.oma.lwm2m+json</c>; LwM2M 1.0 §6.4.4), the
/// JSON format of LwM2M 1.0 that SenML JSON replaced in 1.1:
/// <c>{"bn":"/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"9","v":87},…]}</c> with
/// v (numbers, Time), sv (String, Corelnk, and opaque as base64), bv (Boolean) and ov (Objlnk "3:0").
/// Decoding accepts any split of a name between bn and n (with or without the leading '/'), root
/// keys in any order, and types numbers by the model. Entries may carry a time t (plus the base time
/// bt): <see cref="TryDecodeTimestamped"/> groups them into one node per time; a zero or negative
/// time is relative to now, a positive one is Unix seconds. Thread-safe.
/// </summary>
public sealed class Lwm2mJsonCodec : ILwm2mNodeCodec, ITimestampedNotificationDecoder
{
    /// <summary>The Content-Format id of <c>application/vnd.oma.lwm2m+json</c>.</summary>
    public const ushort Id = 11543;

    private readonly TimeProvider _clock;

    /// <summary>A codec that resolves relative times against the system clock.</summary>
    public Lwm2mJsonCodec()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A codec that resolves relative times against <paramref name="clock"/>.</summary>
    public Lwm2mJsonCodec(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

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
            if (!CompositeLeaves.TryAdd(leaves, path, node, null, keepEmptyContainers: false, finiteFloatsOnly: true, out error))
            {
                return false;
            }

            Write(leaves, path.WithoutVersion, node is Lwm2mSingleResource or Lwm2mResourceInstance, output);
            return true;
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
            return Lwm2mJsonReader.TryRead(payload, records, _clock, out error)
                && CompositeNodeBuilder.TryBuildNode(records, path, models, out node, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    /// <summary>
    /// Decodes timestamped values of the node at <paramref name="path"/> (a notification with history,
    /// LwM2M 1.0 §6.4.4): the entries are grouped by their resolved time (bt + t), one node per time,
    /// in the order the times first appear; entries without any time form a group with a null
    /// timestamp. Never throws on bad input.
    /// </summary>
    public bool TryDecodeTimestamped(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, out IReadOnlyList<TimestampedNode>? nodes, out string? error)
    {
        nodes = null;
        var records = CompositeCache.RentRecords();
        try
        {
            return Lwm2mJsonReader.TryRead(payload, records, _clock, out error)
                && TryBuildTimestamped(records, path, models, out nodes, out error);
        }
        finally
        {
            CompositeCache.Return(records);
        }
    }

    /// <inheritdoc />
    bool ITimestampedNotificationDecoder.TryDecodeNotification(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models,
        out Lwm2mNode? node, out IReadOnlyList<TimestampedNode>? timestamped, out string? error)
    {
        node = null;
        timestamped = null;
        var records = CompositeCache.RentRecords();
        try
        {
            if (!Lwm2mJsonReader.TryRead(payload, records, _clock, out error))
            {
                return false;
            }

            if (TimedRecords.HasTime(records))
            {
                if (!TryBuildTimestamped(records, path, models, out timestamped, out error))
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

    /// <summary>
    /// Encodes timestamped values of one path: every entry of <paramref name="nodes"/> must have the
    /// same path; each value gets its entry's time as an absolute t (Unix seconds).
    /// </summary>
    public bool TryEncodeTimestamped(IReadOnlyList<TimestampedNode> nodes, IObjectModelProvider models, IBufferWriter<byte> output, out string? error)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            error = "no timestamped node to encode (LwM2M JSON needs the path for its base name)";
            return false;
        }

        var path = nodes[0].Path.WithoutVersion;
        var leaves = CompositeCache.RentLeaves();
        try
        {
            foreach (var entry in nodes)
            {
                if (entry.Path.WithoutVersion != path)
                {
                    error = $"LwM2M JSON carries one path: {entry.Path} differs from {path}";
                    return false;
                }

                if (!CompositeLeaves.TryAdd(leaves, entry.Path, entry.Node, entry.Timestamp, keepEmptyContainers: false, finiteFloatsOnly: true, out error))
                {
                    return false;
                }
            }

            Write(leaves, path, nodes[0].Node is Lwm2mSingleResource or Lwm2mResourceInstance, output);
            error = null;
            return true;
        }
        finally
        {
            CompositeCache.Return(leaves);
        }
    }

    /// <summary>One node at <paramref name="path"/> per resolved time, in the order the times first appear.</summary>
    private static bool TryBuildTimestamped(List<CompositeRecord> records, Lwm2mPath path, IObjectModelProvider models, out IReadOnlyList<TimestampedNode>? nodes, out string? error)
    {
        nodes = null;
        var groups = new List<(DateTimeOffset? Time, List<CompositeRecord> Records)>();
        var index = new Dictionary<long, int>();
        foreach (var record in records)
        {
            long key = record.Timestamp?.UtcTicks ?? long.MinValue;
            if (!index.TryGetValue(key, out int group))
            {
                group = groups.Count;
                index.Add(key, group);
                groups.Add((record.Timestamp, new List<CompositeRecord>()));
            }

            groups[group].Records.Add(record);
        }

        var result = new List<TimestampedNode>(groups.Count);
        foreach (var (time, group) in groups)
        {
            if (!CompositeNodeBuilder.TryBuildNode(group, path, models, out var node, out error))
            {
                return false;
            }

            result.Add(new TimestampedNode(time, path, node!));
        }

        nodes = result;
        error = null;
        return true;
    }

    private static void Write(List<CompositeLeaf> leaves, Lwm2mPath path, bool valueAtPath, IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output, SenmlJsonRecordWriter.Options);
        Lwm2mJsonWriter.Write(json, leaves, path, valueAtPath);
        json.Flush();
    }
}
