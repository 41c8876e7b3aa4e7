using System.Runtime.InteropServices;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Turns resolved records into nodes, shared by SenML JSON/CBOR, LwM2M CBOR and LwM2M JSON:
/// the records under one requested path become an object, instance, resource or resource instance
/// (Read, Write); each record on its own becomes a node at its path (Read-Composite response,
/// Write-Composite, Send — the paths requested are not known to the decoder, as in Leshan).
/// Single or multiple comes from the model and, without one, from the record depth (Core §7.4.5).
/// </summary>
internal static class CompositeNodeBuilder
{
    private static readonly Comparison<CompositeRecord> ByPath = static (a, b) => a.Path.CompareTo(b.Path);

    /// <summary>Builds the node at <paramref name="path"/>; sorts <paramref name="records"/> in place.</summary>
    public static bool TryBuildNode(List<CompositeRecord> records, Lwm2mPath path, IObjectModelProvider models, out Lwm2mNode? node, out string? error)
    {
        node = null;
        path = path.WithoutVersion;
        if (path.IsRoot)
        {
            error = "the root path \"/\" has no node to decode; decode an object, instance, resource or resource instance";
            return false;
        }

        foreach (var record in records)
        {
            if (!record.Path.StartsWith(path))
            {
                error = $"{record.Path} is not under the requested path {path}";
                return false;
            }

            if (!CheckRecord(record, out error))
            {
                return false;
            }
        }

        var span = CollectionsMarshal.AsSpan(records);
        if (!IsSorted(span))
        {
            records.Sort(ByPath); // payloads usually list records in id order already
        }

        for (int i = 1; i < span.Length; i++)
        {
            if (span[i].Path == span[i - 1].Path)
            {
                error = $"{span[i].Path} appears twice";
                return false;
            }
        }

        var cache = new CompositeModelCache(models);
        switch (path.Depth)
        {
            case 1:
                return TryBuildObject(span, path, ref cache, out node, out error);
            case 2:
                bool ok = TryBuildInstance(span, path, ref cache, out var instance, out error);
                node = instance;
                return ok;
            case 3:
                if (span.IsEmpty)
                {
                    if (cache.GetResource(path) is { Multiple: true } model)
                    {
                        node = new Lwm2mMultipleResource(path.ResourceId, model.Type, []);
                        error = null;
                        return true;
                    }

                    error = $"no value for {path}";
                    return false;
                }

                ok = TryBuildResource(span, path, ref cache, out var resource, out error);
                node = resource;
                return ok;
            default:
                return TryBuildResourceInstance(span, path, ref cache, out node, out error);
        }
    }

    /// <summary>One node per record, in payload order; a record without value gives a null node.</summary>
    public static bool TryBuildNodes(List<CompositeRecord> records, IObjectModelProvider models, out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? nodes, out string? error)
    {
        nodes = null;
        var result = new List<KeyValuePair<Lwm2mPath, Lwm2mNode?>>(records.Count);
        var seen = new HashSet<Lwm2mPath>();
        var cache = new CompositeModelCache(models);
        foreach (var record in records)
        {
            if (!seen.Add(record.Path))
            {
                error = $"{record.Path} appears twice";
                return false;
            }

            Lwm2mNode? node = null;
            if (record.Value.Kind != CompositeValueKind.None && !TryBuildSingleRecord(record, ref cache, out node, out error))
            {
                return false;
            }

            result.Add(new(record.Path, node));
        }

        nodes = result;
        error = null;
        return true;
    }

    /// <summary>One timestamped node per record, in payload order (Send, notifications with history).</summary>
    public static bool TryBuildTimestamped(List<CompositeRecord> records, IObjectModelProvider models, out IReadOnlyList<TimestampedNode>? nodes, out string? error)
    {
        nodes = null;
        var result = new List<TimestampedNode>(records.Count);
        var seen = new HashSet<(DateTimeOffset?, Lwm2mPath)>();
        var cache = new CompositeModelCache(models);
        foreach (var record in records)
        {
            if (record.Value.Kind == CompositeValueKind.None)
            {
                error = $"{record.Path} has no value";
                return false;
            }

            if (!seen.Add((record.Timestamp, record.Path)))
            {
                error = $"{record.Path} appears twice at the same time";
                return false;
            }

            if (!TryBuildSingleRecord(record, ref cache, out var node, out error))
            {
                return false;
            }

            result.Add(new TimestampedNode(record.Timestamp, record.Path, node!));
        }

        nodes = result;
        error = null;
        return true;
    }

    /// <summary>The paths of records that carry no value (Read-Composite, Observe-Composite requests).</summary>
    public static bool TryBuildPaths(List<CompositeRecord> records, out IReadOnlyList<Lwm2mPath>? paths, out string? error)
    {
        paths = null;
        var result = new Lwm2mPath[records.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (records[i].Value.Kind != CompositeValueKind.None)
            {
                error = $"{records[i].Path} carries a value; a list of paths carries names only";
                return false;
            }

            result[i] = records[i].Path;
        }

        paths = result;
        error = null;
        return true;
    }

    private static bool IsSorted(ReadOnlySpan<CompositeRecord> span)
    {
        for (int i = 1; i < span.Length; i++)
        {
            if (span[i - 1].Path.CompareTo(span[i].Path) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool CheckRecord(in CompositeRecord record, out string? error)
    {
        error = null;
        switch (record.Value.Kind)
        {
            case CompositeValueKind.None:
                error = $"{record.Path} has no value";
                return false;
            case CompositeValueKind.EmptyContainer:
                if (record.Path.Depth is 0 or 4)
                {
                    error = $"{record.Path}: an empty map cannot stand for {Level(record.Path)}";
                    return false;
                }

                return true;
            default:
                if (record.Path.Depth < 3)
                {
                    error = $"{record.Path}: only a resource or a resource instance has a value, not {Level(record.Path)}";
                    return false;
                }

                return true;
        }
    }

    private static bool TryBuildSingleRecord(in CompositeRecord record, ref CompositeModelCache cache, out Lwm2mNode? node, out string? error)
    {
        node = null;
        var path = record.Path;
        if (record.Value.Kind == CompositeValueKind.EmptyContainer)
        {
            switch (path.Depth)
            {
                case 1:
                    node = new Lwm2mObject(path.ObjectId, []);
                    break;
                case 2:
                    node = new Lwm2mObjectInstance(path.InstanceId, []);
                    break;
                case 3:
                    var model = cache.GetResource(path);
                    if (model is { Multiple: false })
                    {
                        error = $"{path} is a single resource, not a map of resource instances";
                        return false;
                    }

                    node = new Lwm2mMultipleResource(path.ResourceId, model?.Type ?? ResourceType.None, []);
                    break;
                default:
                    error = $"{path}: an empty map cannot stand for {Level(path)}";
                    return false;
            }

            error = null;
            return true;
        }

        if (!CheckRecord(record, out error))
        {
            return false;
        }

        var span = new ReadOnlySpan<CompositeRecord>(in record);
        if (path.Depth == 3)
        {
            bool ok = TryBuildResource(span, path, ref cache, out var resource, out error);
            node = resource;
            return ok;
        }

        return TryBuildResourceInstance(span, path, ref cache, out node, out error);
    }

    private static bool TryBuildObject(ReadOnlySpan<CompositeRecord> span, Lwm2mPath path, ref CompositeModelCache cache, out Lwm2mNode? node, out string? error)
    {
        node = null;
        var instances = new List<Lwm2mObjectInstance>();
        int i = 0;
        while (i < span.Length && span[i].Path.Depth == 1)
        {
            i++; // an empty map for the object itself
        }

        while (i < span.Length)
        {
            int id = span[i].Path.InstanceId;
            int end = i + 1;
            while (end < span.Length && span[end].Path.InstanceId == id)
            {
                end++;
            }

            if (!TryBuildInstance(span[i..end], Lwm2mPath.Instance(path.ObjectId, id), ref cache, out var instance, out error))
            {
                return false;
            }

            instances.Add(instance!);
            i = end;
        }

        node = new Lwm2mObject(path.ObjectId, instances);
        error = null;
        return true;
    }

    private static bool TryBuildInstance(ReadOnlySpan<CompositeRecord> span, Lwm2mPath path, ref CompositeModelCache cache, out Lwm2mObjectInstance? instance, out string? error)
    {
        instance = null;
        var resources = new List<Lwm2mResource>(span.Length);
        int i = 0;
        while (i < span.Length && span[i].Path.Depth == 2)
        {
            i++; // an empty map for the instance itself
        }

        while (i < span.Length)
        {
            int id = span[i].Path.ResourceId;
            int end = i + 1;
            while (end < span.Length && span[end].Path.ResourceId == id)
            {
                end++;
            }

            if (!TryBuildResource(span[i..end], Lwm2mPath.Resource(path.ObjectId, path.InstanceId, id), ref cache, out var resource, out error))
            {
                return false;
            }

            resources.Add(resource!);
            i = end;
        }

        instance = new Lwm2mObjectInstance(path.InstanceId, resources);
        error = null;
        return true;
    }

    /// <summary>Records of one resource, sorted: the record at the resource path (if any) comes first.</summary>
    private static bool TryBuildResource(ReadOnlySpan<CompositeRecord> span, Lwm2mPath path, ref CompositeModelCache cache, out Lwm2mResource? resource, out string? error)
    {
        resource = null;
        var model = cache.GetResource(path);
        var first = span[0];
        if (first.Path.Depth == 3 && first.Value.Kind != CompositeValueKind.EmptyContainer)
        {
            if (span.Length > 1)
            {
                error = $"{path} has both a value and resource instances";
                return false;
            }

            if (model is { Multiple: true })
            {
                error = $"{path} is a multiple resource: its values go at {path}/{{resource instance id}}";
                return false;
            }

            if (!CompositeValueConverter.TryConvert(first.Value, model, path, out var value, out error))
            {
                return false;
            }

            resource = new Lwm2mSingleResource(path.ResourceId, value);
            return true;
        }

        if (model is { Multiple: false })
        {
            error = $"{path} is a single resource: it has no resource instances (got {(first.Path.Depth == 4 ? first.Path.ToString() : "an empty map")})";
            return false;
        }

        var type = model?.Type;
        var instances = new List<Lwm2mResourceInstance>(span.Length);
        foreach (var record in span)
        {
            if (record.Path.Depth == 3)
            {
                continue; // the empty map standing for the resource
            }

            if (!CompositeValueConverter.TryConvert(record.Value, model, record.Path, out var value, out error))
            {
                return false;
            }

            type ??= value.Type;
            if (value.Type != type)
            {
                error = $"{record.Path}: the instances of {path} must share one type, got {type} and {value.Type}";
                return false;
            }

            instances.Add(new Lwm2mResourceInstance(record.Path.ResourceInstanceId, value));
        }

        resource = new Lwm2mMultipleResource(path.ResourceId, type ?? ResourceType.None, instances);
        error = null;
        return true;
    }

    private static bool TryBuildResourceInstance(ReadOnlySpan<CompositeRecord> span, Lwm2mPath path, ref CompositeModelCache cache, out Lwm2mNode? node, out string? error)
    {
        node = null;
        if (span.IsEmpty)
        {
            error = $"no value for {path}";
            return false;
        }

        var model = cache.GetResource(path);
        if (model is { Multiple: false })
        {
            error = $"{path.Parent} is a single resource: it has no resource instance {path.ResourceInstanceId}";
            return false;
        }

        if (!CompositeValueConverter.TryConvert(span[0].Value, model, path, out var value, out error))
        {
            return false;
        }

        node = new Lwm2mResourceInstance(path.ResourceInstanceId, value);
        return true;
    }

    private static string Level(Lwm2mPath path) => path.Depth switch
    {
        0 => "the root",
        1 => "an object",
        2 => "an object instance",
        3 => "a resource",
        _ => "a resource instance",
    };
}
