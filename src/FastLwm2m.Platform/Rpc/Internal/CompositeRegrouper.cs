using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Rpc.Internal;

/// <summary>
/// Regroups the values of a composite response under the paths that were asked for, so that
/// "/1" comes back as one LwM2mObject as in the guide, whatever granularity the codec decoded
/// (SenML gives one record per resource or resource instance). Paths without any value are left
/// out: Read-Composite is best effort (Core §6.3.8).
/// </summary>
internal static class CompositeRegrouper
{
    public static IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> Group(IReadOnlyList<Lwm2mPath> requested, IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> decoded)
    {
        var leaves = new SortedDictionary<Lwm2mPath, Lwm2mValue>();
        foreach (var (path, node) in decoded)
        {
            Flatten(path.WithoutVersion, node, leaves);
        }

        var result = new List<KeyValuePair<Lwm2mPath, Lwm2mNode?>>();
        foreach (var asked in requested)
        {
            var at = asked.WithoutVersion;
            var under = leaves.Where(l => l.Key.StartsWith(at)).ToList();
            if (under.Count > 0 && Build(at, under) is { } node)
            {
                result.Add(new(at, node));
            }
        }

        return result;
    }

    private static void Flatten(Lwm2mPath path, Lwm2mNode? node, SortedDictionary<Lwm2mPath, Lwm2mValue> leaves)
    {
        switch (node)
        {
            case Lwm2mObject o:
                foreach (var i in o.Instances.Values) Flatten(path.Append(i.Id), i, leaves);
                break;
            case Lwm2mObjectInstance i:
                foreach (var r in i.Resources.Values) Flatten(path.Append(r.Id), r, leaves);
                break;
            case Lwm2mMultipleResource m:
                foreach (var ri in m.Instances.Values) Flatten(path.Append(ri.Id), ri, leaves);
                break;
            case Lwm2mSingleResource s:
                leaves[path] = s.Value;
                break;
            case Lwm2mResourceInstance ri:
                leaves[path] = ri.Value;
                break;
        }
    }

    private static Lwm2mNode? Build(Lwm2mPath at, List<KeyValuePair<Lwm2mPath, Lwm2mValue>> leaves)
    {
        switch (at.Depth)
        {
            case 4:
                return new Lwm2mResourceInstance(at.ResourceInstanceId, leaves[0].Value);
            case 3:
                if (leaves[0].Key.Depth == 3)
                {
                    return new Lwm2mSingleResource(at.ResourceId, leaves[0].Value);
                }

                var instances = leaves.Where(l => l.Value.Type == leaves[0].Value.Type)
                    .Select(l => new Lwm2mResourceInstance(l.Key.ResourceInstanceId, l.Value));
                return new Lwm2mMultipleResource(at.ResourceId, leaves[0].Value.Type, instances);
            case 2:
                return new Lwm2mObjectInstance(at.InstanceId, Children(at, leaves).Select(c => (Lwm2mResource)c));
            case 1:
                return new Lwm2mObject(at.ObjectId, Children(at, leaves).Select(c => (Lwm2mObjectInstance)c));
            default:
                return null;
        }
    }

    private static IEnumerable<Lwm2mNode> Children(Lwm2mPath at, List<KeyValuePair<Lwm2mPath, Lwm2mValue>> leaves)
    {
        int depth = at.Depth + 1;
        foreach (var group in leaves.GroupBy(l => ChildPath(l.Key, depth)))
        {
            if (Build(group.Key, group.ToList()) is { } child)
            {
                yield return child;
            }
        }
    }

    private static Lwm2mPath ChildPath(Lwm2mPath leaf, int depth)
    {
        var path = leaf;
        while (path.Depth > depth)
        {
            path = path.Parent;
        }

        return path;
    }
}
