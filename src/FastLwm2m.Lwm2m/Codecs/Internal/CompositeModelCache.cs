namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Resource models for the records of one payload, remembering the last object looked up: records
/// come grouped by object, so this is one provider call per object, not per record.
/// </summary>
internal struct CompositeModelCache
{
    private readonly IObjectModelProvider _models;
    private int _objectId;
    private ObjectModel? _object;

    public CompositeModelCache(IObjectModelProvider models)
    {
        _models = models;
        _objectId = -1;
        _object = null;
    }

    /// <summary>The model of the resource named by <paramref name="path"/> (depth 3 or 4), or null if unknown.</summary>
    public ResourceModel? GetResource(Lwm2mPath path)
    {
        if (path.ObjectId != _objectId)
        {
            _objectId = path.ObjectId;
            _object = _models.GetObjectModel(path.ObjectId);
        }

        return _object?.GetResource(path.ResourceId);
    }
}
