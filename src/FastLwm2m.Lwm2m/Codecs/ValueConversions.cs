namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>
/// What the single-value formats (text/plain, application/octet-stream, application/cbor;
/// Core §7.4.1, §7.4.2, §7.4.6) share: they carry one value, so the path names a resource or a
/// resource instance and the node there is a single resource or a resource instance.
/// </summary>
internal static class ValueConversions
{
    /// <summary>Whether <paramref name="node"/> is the single value at <paramref name="path"/>.</summary>
    public static bool IsSingleValue(Lwm2mPath path, Lwm2mNode node) => node switch
    {
        Lwm2mSingleResource r => path.IsResource && r.Id == path.ResourceId && r.Value.Type != ResourceType.None,
        Lwm2mResourceInstance i => path.IsResourceInstance && i.Id == path.ResourceInstanceId && i.Value.Type != ResourceType.None,
        _ => false,
    };

    /// <summary>The value to encode, or why <paramref name="node"/> is not one value at <paramref name="path"/>.</summary>
    public static bool TryGetSingleValue(Lwm2mPath path, Lwm2mNode node, string format, out Lwm2mValue value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(node);
        value = default;
        error = null;
        if (!path.IsResource && !path.IsResourceInstance)
        {
            error = $"{format} carries a single resource or resource instance value, not {path}";
            return false;
        }

        switch (node)
        {
            case Lwm2mSingleResource single when path.IsResource:
                value = single.Value;
                break;
            case Lwm2mResourceInstance instance when path.IsResourceInstance:
                value = instance.Value;
                break;
            case Lwm2mMultipleResource:
                error = $"{format} carries one value; {path} is a multiple resource (write its instances one by one, or use TLV or SenML)";
                return false;
            default:
                error = $"{format}: the node at {path} must be a {(path.IsResource ? "single resource" : "resource instance")}, not {node.GetType().Name}";
                return false;
        }

        if (node.Id != (path.IsResource ? path.ResourceId : path.ResourceInstanceId))
        {
            error = $"{format}: node id {node.Id} does not match the path {path}";
            return false;
        }

        if (value.Type == ResourceType.None)
        {
            error = $"{format}: {path} has no value";
            return false;
        }

        return true;
    }

    /// <summary>
    /// Checks that <paramref name="path"/> can hold one value and finds its resource model (null
    /// when the model is unknown). A multiple resource cannot be one value.
    /// </summary>
    public static bool TryGetResourceModel(Lwm2mPath path, IObjectModelProvider models, string format, out ResourceModel? model, out string? error)
    {
        ArgumentNullException.ThrowIfNull(models);
        model = null;
        error = null;
        if (!path.IsResource && !path.IsResourceInstance)
        {
            error = $"{format} carries a single resource or resource instance value, not {path}";
            return false;
        }

        model = models.GetObjectModel(path.ObjectId)?.GetResource(path.ResourceId);
        if (path.IsResource && model is { Multiple: true })
        {
            error = $"{format} carries one value; {path} is a multiple resource (read one of its instances, or use TLV or SenML)";
            return false;
        }

        return true;
    }

    /// <summary>The node for one decoded value at <paramref name="path"/> (a resource or resource instance path).</summary>
    public static Lwm2mNode CreateNode(Lwm2mPath path, Lwm2mValue value) => path.IsResource
        ? new Lwm2mSingleResource(path.ResourceId, value)
        : new Lwm2mResourceInstance(path.ResourceInstanceId, value);

    /// <summary>"an Integer", "a String": the type with its article, for messages.</summary>
    public static string WithArticle(ResourceType type) => type switch
    {
        ResourceType.Integer or ResourceType.UnsignedInteger or ResourceType.Opaque or ResourceType.Objlnk => $"an {type}",
        _ => $"a {type}",
    };
}
