namespace FastLwm2m.Lwm2m.Codecs;

/// <summary>Decoding (Core §7.4.3): the payload at each path depth.</summary>
public sealed partial class TlvCodec
{
    // Core §7.4.3: the id MAX_ID (65535) is reserved; an object instance or resource instance
    // never has it, and Lwm2mPath cannot hold it.
    private const int ReservedId = ushort.MaxValue;

    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> payload, Lwm2mPath path, IObjectModelProvider models, out Lwm2mNode? node, out string? error)
    {
        ArgumentNullException.ThrowIfNull(models);
        node = null;
        if (path.IsRoot)
        {
            error = "TLV: the root path / has no TLV form (read an object, instance or resource)";
            return false;
        }

        var model = models.GetObjectModel(path.ObjectId);
        var reader = new TlvReader(payload);
        bool ok;
        switch (path.Depth)
        {
            case 1:
                ok = TryDecodeObject(reader, path, model, out var obj, out error);
                node = obj;
                break;
            case 2:
                ok = TryUnwrap(ref reader, TlvType.ObjectInstance, path.InstanceId, path, out error);
                Lwm2mObjectInstance? instance = null;
                ok = ok && TryDecodeInstanceContent(reader, path, model, out instance, out error);
                node = instance;
                break;
            case 3:
                ok = TryDecodeResourcePath(reader, path, model, out var resource, out error);
                node = resource;
                break;
            default:
                ok = TryDecodeResourceInstancePath(reader, path, model, out var resourceInstance, out error);
                node = resourceInstance;
                break;
        }

        if (!ok)
        {
            node = null;
        }

        return ok;
    }

    private static bool TryDecodeObject(TlvReader reader, Lwm2mPath path, ObjectModel? model, out Lwm2mObject? obj, out string? error)
    {
        obj = null;
        var peek = reader;
        if (!peek.TryRead(out var first, out error) && error is not null)
        {
            return false;
        }

        if (!reader.IsAtEnd && first.Type != TlvType.ObjectInstance && model?.MultipleInstances != true)
        {
            // A LwM2M 1.0 client may answer a Read of a single-instance object with the resources
            // of instance 0 and no object instance TLV around them.
            if (!TryDecodeInstanceContent(reader, path.Append(0), model, out var only, out error))
            {
                return false;
            }

            obj = new Lwm2mObject(path.ObjectId, [only!]);
            return true;
        }

        var instances = new TlvNodeList<Lwm2mObjectInstance>();
        try
        {
            while (reader.TryRead(out var entry, out error))
            {
                if (entry.Type != TlvType.ObjectInstance)
                {
                    error = $"TLV: {Describe(entry.Type)} (id {entry.Id}) at offset {entry.Offset} where object {path} holds object instance TLVs";
                    return false;
                }

                if (entry.Id == ReservedId || instances.Contains(entry.Id))
                {
                    error = $"TLV: {(entry.Id == ReservedId ? "reserved" : "duplicate")} object instance {ChildText(path, entry.Id)} at offset {entry.Offset}";
                    return false;
                }

                if (!TryDecodeInstanceContent(entry.ReadChildren(), path.Append(entry.Id), model, out var instance, out error))
                {
                    return false;
                }

                instances.Add(instance!);
            }

            if (error is not null)
            {
                return false;
            }

            obj = new Lwm2mObject(path.ObjectId, instances.Items);
            return true;
        }
        finally
        {
            instances.Dispose();
        }
    }

    private static bool TryDecodeInstanceContent(TlvReader reader, Lwm2mPath instancePath, ObjectModel? model, out Lwm2mObjectInstance? instance, out string? error)
    {
        instance = null;
        var resources = new TlvNodeList<Lwm2mResource>();
        try
        {
            while (reader.TryRead(out var entry, out error))
            {
                if (entry.Type is TlvType.ObjectInstance or TlvType.ResourceInstance)
                {
                    error = $"TLV: {Describe(entry.Type)} (id {entry.Id}) at offset {entry.Offset} inside object instance {instancePath}, which holds resource TLVs";
                    return false;
                }

                if (resources.Contains(entry.Id))
                {
                    error = $"TLV: duplicate resource {ChildText(instancePath, entry.Id)} at offset {entry.Offset}";
                    return false;
                }

                if (!TryDecodeResourceEntry(entry, instancePath, model, out var resource, out error))
                {
                    return false;
                }

                resources.Add(resource!);
            }

            if (error is not null)
            {
                return false;
            }

            instance = new Lwm2mObjectInstance(instancePath.InstanceId, resources.Items);
            return true;
        }
        finally
        {
            resources.Dispose();
        }
    }

    /// <summary>A Resource with Value or Multiple Resource entry.</summary>
    private static bool TryDecodeResourceEntry(scoped TlvEntry entry, Lwm2mPath instancePath, ObjectModel? model, out Lwm2mResource? resource, out string? error)
    {
        resource = null;
        var type = ValueType(model, entry.Id);
        if (entry.Type == TlvType.MultipleResource)
        {
            bool ok = TryDecodeResourceInstances(entry.ReadChildren(), instancePath, entry.Id, type, out var multiple, out error);
            resource = multiple;
            return ok;
        }

        if (!TlvValue.TryRead(entry.Value, type, out var value, out string? reason))
        {
            error = $"TLV: {ChildText(instancePath, entry.Id)}: {reason} (offset {entry.Offset})";
            return false;
        }

        error = null;
        resource = new Lwm2mSingleResource(entry.Id, value);
        return true;
    }

    private static bool TryDecodeResourceInstances(TlvReader reader, Lwm2mPath instancePath, int resourceId, ResourceType type, out Lwm2mMultipleResource? resource, out string? error)
    {
        resource = null;
        var instances = new TlvNodeList<Lwm2mResourceInstance>();
        try
        {
            while (reader.TryRead(out var entry, out error))
            {
                if (entry.Type != TlvType.ResourceInstance)
                {
                    error = $"TLV: {Describe(entry.Type)} (id {entry.Id}) at offset {entry.Offset} inside multiple resource {ChildText(instancePath, resourceId)}, which holds resource instance TLVs";
                    return false;
                }

                if (entry.Id == ReservedId || instances.Contains(entry.Id))
                {
                    error = $"TLV: {(entry.Id == ReservedId ? "reserved" : "duplicate")} resource instance {ChildText(instancePath, resourceId)}/{entry.Id} at offset {entry.Offset}";
                    return false;
                }

                if (!TlvValue.TryRead(entry.Value, type, out var value, out string? reason))
                {
                    error = $"TLV: {ChildText(instancePath, resourceId)}/{entry.Id}: {reason} (offset {entry.Offset})";
                    return false;
                }

                instances.Add(new Lwm2mResourceInstance(entry.Id, value));
            }

            if (error is not null)
            {
                return false;
            }

            resource = new Lwm2mMultipleResource(resourceId, type, instances.Items);
            return true;
        }
        finally
        {
            instances.Dispose();
        }
    }

    private static bool TryDecodeResourcePath(TlvReader reader, Lwm2mPath path, ObjectModel? model, out Lwm2mResource? resource, out string? error)
    {
        resource = null;
        if (!TryUnwrap(ref reader, TlvType.ObjectInstance, path.InstanceId, path.Parent, out error))
        {
            return false;
        }

        var peek = reader;
        if (!peek.TryRead(out var first, out error))
        {
            error ??= $"TLV: empty payload for resource {path}";
            return false;
        }

        switch (first.Type)
        {
            case TlvType.ResourceInstance:
                // Bare resource instances: some clients answer a multiple resource read this way.
                bool ok = TryDecodeResourceInstances(reader, path.Parent, path.ResourceId, ValueType(model, path.ResourceId), out var multiple, out error);
                resource = multiple;
                return ok;

            case TlvType.ObjectInstance:
                error = $"TLV: {Describe(first.Type)} (id {first.Id}) at offset {first.Offset} where resource {path} was expected";
                return false;

            default:
                if (first.Id != path.ResourceId)
                {
                    error = $"TLV: resource id {first.Id} at offset {first.Offset} does not match the path {path}";
                    return false;
                }

                if (!peek.IsAtEnd)
                {
                    error = $"TLV: resource {path} is one TLV; another entry follows at offset {peek.Offset}";
                    return false;
                }

                return TryDecodeResourceEntry(first, path.Parent, model, out resource, out error);
        }
    }

    private static bool TryDecodeResourceInstancePath(TlvReader reader, Lwm2mPath path, ObjectModel? model, out Lwm2mResourceInstance? instance, out string? error)
    {
        instance = null;
        var resourcePath = path.Parent;
        if (!TryUnwrap(ref reader, TlvType.ObjectInstance, path.InstanceId, resourcePath.Parent, out error)
            || !TryUnwrap(ref reader, TlvType.MultipleResource, path.ResourceId, resourcePath, out error))
        {
            return false;
        }

        if (!reader.TryRead(out var entry, out error))
        {
            error ??= $"TLV: empty payload for resource instance {path}";
            return false;
        }

        if (entry.Type != TlvType.ResourceInstance)
        {
            error = $"TLV: {Describe(entry.Type)} (id {entry.Id}) at offset {entry.Offset} where resource instance {path} was expected";
            return false;
        }

        if (entry.Id != path.ResourceInstanceId)
        {
            error = $"TLV: resource instance id {entry.Id} at offset {entry.Offset} does not match the path {path}";
            return false;
        }

        if (!reader.IsAtEnd)
        {
            error = $"TLV: resource instance {path} is one TLV; another entry follows at offset {reader.Offset}";
            return false;
        }

        if (!TlvValue.TryRead(entry.Value, ValueType(model, path.ResourceId), out var value, out string? reason))
        {
            error = $"TLV: {path}: {reason} (offset {entry.Offset})";
            return false;
        }

        instance = new Lwm2mResourceInstance(entry.Id, value);
        return true;
    }

    /// <summary>
    /// When the payload is one <paramref name="type"/> TLV (a wrapper around what the path names),
    /// moves <paramref name="reader"/> inside it; its id must be <paramref name="expectedId"/>.
    /// Any other payload is left as it is.
    /// </summary>
    private static bool TryUnwrap(ref TlvReader reader, TlvType type, int expectedId, Lwm2mPath wrapperPath, out string? error)
    {
        var peek = reader;
        if (!peek.TryRead(out var first, out error))
        {
            return error is null;
        }

        if (first.Type != type)
        {
            return true;
        }

        if (first.Id != expectedId)
        {
            error = $"TLV: {Describe(type)} with id {first.Id} at offset {first.Offset} does not match the path {wrapperPath}";
            return false;
        }

        if (!peek.IsAtEnd)
        {
            error = $"TLV: {wrapperPath} takes a single {Name(type)}; another entry follows at offset {peek.Offset}";
            return false;
        }

        reader = first.ReadChildren();
        return true;
    }

    /// <summary>The model's type for a resource; Opaque when the model does not know it (TLV carries no type).</summary>
    private static ResourceType ValueType(ObjectModel? model, int resourceId) =>
        model?.GetResource(resourceId)?.Type is { } type and not ResourceType.None ? type : ResourceType.Opaque;
}
