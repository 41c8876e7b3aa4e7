using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Sessions.Internal;

/// <summary>Flattens decoded nodes into (resource path, value) pairs. Multi-instance resources are not mapped to keys (yet).</summary>
internal static class NodeValues
{
    public static void Collect(Lwm2mPath path, Lwm2mNode? node, long timestamp, List<(Lwm2mPath Path, Lwm2mValue Value, long Timestamp)> into)
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
                into.Add((Lwm2mPath.Resource(path.ObjectId, path.InstanceId, single.Id), single.Value, timestamp));
                break;
        }
    }
}
