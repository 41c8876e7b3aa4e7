using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Sessions.Internal;

/// <summary>
/// One value taken from a decoded node: a single resource's value (<see cref="Path"/> is the
/// resource), one resource instance's value (<see cref="Path"/> has depth 4), or every instance
/// of a multiple resource (<see cref="Instances"/> set, <see cref="Path"/> the resource).
/// </summary>
internal readonly record struct NodeValue(Lwm2mPath Path, Lwm2mValue Value, long Timestamp, IReadOnlyDictionary<int, Lwm2mResourceInstance>? Instances = null)
{
    /// <summary>The resource the value belongs to (the parent of a resource instance).</summary>
    public Lwm2mPath ResourcePath => Path.IsResourceInstance ? Path.Parent : Path;
}

/// <summary>Flattens decoded nodes into resource values.</summary>
internal static class NodeValues
{
    public static void Collect(Lwm2mPath path, Lwm2mNode? node, long timestamp, List<NodeValue> into)
    {
        switch (node)
        {
            case Lwm2mObject obj:
                foreach (Lwm2mObjectInstance instance in obj.Instances.Values)
                {
                    Collect(Lwm2mPath.Instance(path.ObjectId, instance.Id), instance, timestamp, into);
                }

                break;
            case Lwm2mObjectInstance instance:
                int objectId = path.ObjectId;
                int instanceId = path.IsObject ? instance.Id : path.InstanceId;
                foreach (Lwm2mResource resource in instance.Resources.Values)
                {
                    Collect(Lwm2mPath.Resource(objectId, instanceId, resource.Id), resource, timestamp, into);
                }

                break;
            case Lwm2mSingleResource single when path.Depth >= 2:
                into.Add(new NodeValue(Lwm2mPath.Resource(path.ObjectId, path.InstanceId, single.Id), single.Value, timestamp));
                break;
            case Lwm2mMultipleResource multiple when path.Depth >= 2:
                into.Add(new NodeValue(Lwm2mPath.Resource(path.ObjectId, path.InstanceId, multiple.Id), default, timestamp, multiple.Instances));
                break;
            case Lwm2mResourceInstance resourceInstance when path.IsResourceInstance:
                into.Add(new NodeValue(path.WithoutVersion, resourceInstance.Value, timestamp));
                break;
        }
    }
}
