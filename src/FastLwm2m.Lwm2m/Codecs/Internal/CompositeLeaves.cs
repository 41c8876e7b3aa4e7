using System.Globalization;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Flattens a node at a path into the values under it, in id order (the node dictionaries are
/// sorted), checking on the way what the encoders would otherwise trip over: a node that does not
/// match its path, ids out of range, untyped values, and (for JSON) non-finite floats.
/// </summary>
internal static class CompositeLeaves
{
    public static bool TryAdd(List<CompositeLeaf> leaves, Lwm2mPath path, Lwm2mNode node, DateTimeOffset? time, bool keepEmptyContainers, bool finiteFloatsOnly, out string? error)
    {
        path = path.WithoutVersion;
        int expectedDepth = node switch
        {
            Lwm2mObject => 1,
            Lwm2mObjectInstance => 2,
            Lwm2mResource => 3,
            Lwm2mResourceInstance => 4,
            _ => -1,
        };

        if (expectedDepth != path.Depth)
        {
            error = $"a {Describe(node)} cannot be encoded at {path}: it belongs at a path of depth {expectedDepth}";
            return false;
        }

        if (node.Id != CompositePathText.IdAt(path, path.Depth - 1))
        {
            error = $"the {Describe(node)} has id {node.Id.ToString(CultureInfo.InvariantCulture)}, but the path {path} names id {CompositePathText.IdAt(path, path.Depth - 1).ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        var context = new Context(leaves, time, keepEmptyContainers, finiteFloatsOnly);
        return context.TryAddNode(path, node, out error);
    }

    private static string Describe(Lwm2mNode node) => node switch
    {
        Lwm2mObject => "object",
        Lwm2mObjectInstance => "object instance",
        Lwm2mSingleResource => "single resource",
        Lwm2mMultipleResource => "multiple resource",
        Lwm2mResourceInstance => "resource instance",
        _ => node.GetType().Name,
    };

    private readonly struct Context(List<CompositeLeaf> leaves, DateTimeOffset? time, bool keepEmptyContainers, bool finiteFloatsOnly)
    {
        public bool TryAddNode(Lwm2mPath path, Lwm2mNode node, out string? error)
        {
            error = null;
            switch (node)
            {
                case Lwm2mObject obj:
                    if (obj.Instances.Count == 0)
                    {
                        AddEmpty(path);
                    }

                    foreach (var instance in obj.Instances.Values)
                    {
                        if (!TryChild(path, instance.Id, 65534, out var child, out error) || !TryAddNode(child, instance, out error))
                        {
                            return false;
                        }
                    }

                    return true;

                case Lwm2mObjectInstance instance:
                    if (instance.Resources.Count == 0)
                    {
                        AddEmpty(path);
                    }

                    foreach (var resource in instance.Resources.Values)
                    {
                        if (!TryChild(path, resource.Id, 65535, out var child, out error) || !TryAddNode(child, resource, out error))
                        {
                            return false;
                        }
                    }

                    return true;

                case Lwm2mMultipleResource multiple:
                    if (multiple.Instances.Count == 0)
                    {
                        AddEmpty(path);
                    }

                    foreach (var resourceInstance in multiple.Instances.Values)
                    {
                        if (!TryChild(path, resourceInstance.Id, 65534, out var child, out error) || !TryAddValue(child, resourceInstance.Value, out error))
                        {
                            return false;
                        }
                    }

                    return true;

                case Lwm2mSingleResource single:
                    return TryAddValue(path, single.Value, out error);

                case Lwm2mResourceInstance resourceInstance:
                    return TryAddValue(path, resourceInstance.Value, out error);

                default:
                    error = $"{path}: unknown node type {node.GetType().Name}";
                    return false;
            }
        }

        private void AddEmpty(Lwm2mPath path)
        {
            if (keepEmptyContainers)
            {
                leaves.Add(new CompositeLeaf(path, CompositeLeafKind.EmptyContainer, default, time));
            }
        }

        private bool TryAddValue(Lwm2mPath path, Lwm2mValue value, out string? error)
        {
            if (value.Type == ResourceType.None)
            {
                error = $"{path}: the value has no type";
                return false;
            }

            if (value.Type is ResourceType.String or ResourceType.Corelnk && !IsValidUtf16(value.AsString()))
            {
                error = $"{path}: the string is not valid UTF-16 (a lone surrogate), so it has no UTF-8 encoding";
                return false;
            }

            if (finiteFloatsOnly && value.Type == ResourceType.Float && !double.IsFinite(value.AsFloat()))
            {
                error = $"{path}: {value} cannot be written in JSON (NaN and infinities have no JSON number)";
                return false;
            }

            leaves.Add(new CompositeLeaf(path, CompositeLeafKind.Value, value, time));
            error = null;
            return true;
        }

        private static bool IsValidUtf16(string text)
        {
            var span = text.AsSpan();
            int i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
            if (i < 0)
            {
                return true;
            }

            for (; i < span.Length; i++)
            {
                if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(span[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool TryChild(Lwm2mPath path, int id, int max, out Lwm2mPath child, out string? error)
        {
            if ((uint)id > (uint)max)
            {
                child = path;
                error = $"{path}: child id {id.ToString(CultureInfo.InvariantCulture)} is out of range (0-{max.ToString(CultureInfo.InvariantCulture)})";
                return false;
            }

            child = path.Append(id);
            error = null;
            return true;
        }
    }
}
