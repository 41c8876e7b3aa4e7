using System.Globalization;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Client.Internal;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// Device management operations that change the client (Core §6.3.3 Write, §6.3.5 Execute,
/// §6.3.6 Create, §6.3.7 Delete). Every method here runs with the lock held.
/// </summary>
public sealed partial class Lwm2mClient
{
    // ---- Write (Core §6.3.3) ----

    private ClientResponse Write(ClientRequest request, bool replace)
    {
        var path = request.Path;
        if (path.IsRoot || path.IsObject)
        {
            return ClientResponse.Error(Lwm2mResponseCode.MethodNotAllowed, $"Write is not allowed on {path}");
        }

        if (!TryDecode(request, path, out var node, out var failure))
        {
            return failure!;
        }

        var result = WriteNode(path, node!, replace, apply: false);
        if (result.IsSuccess)
        {
            result = WriteNode(path, node!, replace, apply: true);
        }

        return result.IsSuccess ? ClientResponse.Of(CoapCode.Changed) : ClientResponse.Error(result);
    }

    private bool TryDecode(ClientRequest request, Lwm2mPath path, out Lwm2mNode? node, out ClientResponse? failure)
    {
        node = null;
        failure = null;
        if (request.ContentFormat is not { } cf)
        {
            failure = ClientResponse.Error(Lwm2mResponseCode.BadRequest, "a Write needs a Content-Format");
            return false;
        }

        if (cf > ushort.MaxValue || !Supports((ushort)cf))
        {
            failure = ClientResponse.Error(Lwm2mResponseCode.UnsupportedContentFormat, $"content format {cf} is not supported");
            return false;
        }

        if (!_codecs.Get((ushort)cf)!.TryDecode(request.Body.Span, path, _models, out node, out string? error) || node is null)
        {
            failure = ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"cannot decode the payload: {error}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Writes a node at an instance, resource or resource instance path; with <paramref name="apply"/>
    /// false only checks (so that a multi-resource Write either applies whole or not at all).
    /// Replace at an instance needs every mandatory writable resource and drops the optional
    /// writable ones not sent; a partial update adds or updates what it carries.
    /// </summary>
    private OperationResult WriteNode(Lwm2mPath path, Lwm2mNode node, bool replace, bool apply)
    {
        if (!_objects.TryGetValue(path.ObjectId, out var enabler))
        {
            return OperationResult.NotFound($"object {path.ObjectId} is not supported");
        }

        if (!enabler.Instances.TryGetValue(path.InstanceId, out var instance))
        {
            return OperationResult.NotFound($"{Lwm2mPath.Instance(path.ObjectId, path.InstanceId)} does not exist");
        }

        if (path.IsObjectInstance)
        {
            if (node is not Lwm2mObjectInstance content || content.Id != path.InstanceId)
            {
                return OperationResult.BadRequest($"the payload is not the instance {path}");
            }

            foreach (var resource in content.Resources.Values)
            {
                var check = CheckWritable(instance, resource.Id, resource);
                if (!check.IsSuccess)
                {
                    return check;
                }
            }

            if (replace)
            {
                foreach (var model in enabler.Model.Resources.Values)
                {
                    if (model.Mandatory && (model.Operations & ResourceOperations.Write) != 0 && !content.Resources.ContainsKey(model.Id))
                    {
                        return OperationResult.BadRequest($"a replace of {path} must carry the mandatory resource {model.Id} ({model.Name})");
                    }
                }
            }

            if (!apply)
            {
                return OperationResult.Changed;
            }

            foreach (var resource in content.Resources.Values)
            {
                var result = instance.Write(resource, replace);
                if (!result.IsSuccess)
                {
                    return result;
                }
            }

            if (replace)
            {
                foreach (int id in instance.ResourceIds)
                {
                    if (!content.Resources.ContainsKey(id) && enabler.Model.GetResource(id) is { Mandatory: false } model
                        && (model.Operations & ResourceOperations.Write) != 0)
                    {
                        instance.ResetForReplace(id);
                    }
                }
            }

            return OperationResult.Changed;
        }

        if (path.IsResource)
        {
            if (node is not Lwm2mResource resource || resource.Id != path.ResourceId)
            {
                return OperationResult.BadRequest($"the payload is not the resource {path}");
            }

            var check = CheckWritable(instance, path.ResourceId, resource);
            return !check.IsSuccess || !apply ? check : instance.Write(resource, replace);
        }

        if (node is not Lwm2mResourceInstance resourceInstance || resourceInstance.Id != path.ResourceInstanceId)
        {
            return OperationResult.BadRequest($"the payload is not the resource instance {path}");
        }

        var writable = CheckWritable(instance, path.ResourceId, null);
        if (!writable.IsSuccess)
        {
            return writable;
        }

        var resourceModel = enabler.Model.GetResource(path.ResourceId)!;
        if (!resourceModel.Multiple)
        {
            return OperationResult.BadRequest($"{path.Parent} is a single resource: it has no instances");
        }

        if (resourceModel.Type != ResourceType.None && resourceInstance.Value.Type != resourceModel.Type)
        {
            return OperationResult.BadRequest($"{path} is {resourceModel.Type}, not {resourceInstance.Value.Type}");
        }

        return apply ? instance.WriteResourceInstance(path.ResourceId, resourceInstance) : OperationResult.Changed;
    }

    private static OperationResult CheckWritable(InstanceEnabler instance, int resourceId, Lwm2mResource? resource)
    {
        var model = instance.Model.GetResource(resourceId);
        if (model is null)
        {
            return OperationResult.NotFound($"object {instance.Model.Id} has no resource {resourceId}");
        }

        if ((model.Operations & ResourceOperations.Write) == 0)
        {
            return OperationResult.MethodNotAllowed($"{instance.Path}/{resourceId} ({model.Name}) is not writable");
        }

        return resource is not null && instance.CheckResource(resource) is { } error ? OperationResult.BadRequest(error) : OperationResult.Changed;
    }

    // ---- Execute (Core §6.3.5) ----

    private ClientResponse Execute(Lwm2mPath path, ReadOnlySpan<byte> body)
    {
        if (!_objects.TryGetValue(path.ObjectId, out var enabler) || !enabler.Instances.TryGetValue(path.InstanceId, out var instance))
        {
            return ClientResponse.Error(Lwm2mResponseCode.NotFound, $"{path.Parent} does not exist");
        }

        var model = enabler.Model.GetResource(path.ResourceId);
        if (model is null)
        {
            return ClientResponse.Error(Lwm2mResponseCode.NotFound, $"object {path.ObjectId} has no resource {path.ResourceId}");
        }

        if ((model.Operations & ResourceOperations.Execute) == 0)
        {
            return ClientResponse.Error(Lwm2mResponseCode.MethodNotAllowed, $"{path} ({model.Name}) is not executable");
        }

        if (!ExecuteArguments.TryParse(body, out var arguments, out string? error))
        {
            return ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"invalid Execute arguments: {error}");
        }

        var result = instance.Execute(path.ResourceId, arguments);
        if (!result.IsSuccess)
        {
            return ClientResponse.Error(result);
        }

        instance.RaiseExecuted(path.ResourceId, arguments);
        return ClientResponse.Of(CoapCode.Changed);
    }

    // ---- Create (Core §6.3.6) ----

    private ClientResponse Create(ClientRequest request)
    {
        var path = request.Path;
        if (!_objects.TryGetValue(path.ObjectId, out var enabler))
        {
            return ClientResponse.Error(Lwm2mResponseCode.NotFound, $"object {path.ObjectId} is not supported");
        }

        var authorized = enabler.AuthorizeCreate();
        if (!authorized.IsSuccess)
        {
            return ClientResponse.Error(authorized);
        }

        if (!TryDecode(request, path, out var node, out var failure))
        {
            return failure!;
        }

        IReadOnlyList<Lwm2mObjectInstance> instances = node switch
        {
            Lwm2mObject o => o.Instances.Values.ToArray(),
            Lwm2mObjectInstance i => [i],
            _ => [],
        };
        if (instances.Count == 0)
        {
            return ClientResponse.Error(Lwm2mResponseCode.BadRequest, "the payload carries no object instance");
        }

        if (!enabler.Model.MultipleInstances && (instances.Count > 1 || enabler.Instances.Count > 0))
        {
            return ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"object {path.ObjectId} is single-instance");
        }

        foreach (var content in instances)
        {
            if (enabler.Instances.ContainsKey(content.Id))
            {
                return ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"instance {path}/{content.Id} already exists");
            }

            foreach (var resource in content.Resources.Values)
            {
                if (enabler.Model.GetResource(resource.Id) is null)
                {
                    return ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"object {path.ObjectId} has no resource {resource.Id}");
                }
            }
        }

        foreach (var content in instances)
        {
            var instance = enabler.CreateInstance(content.Id);
            enabler.Attach(instance);
            foreach (var resource in content.Resources.Values)
            {
                if (instance.CheckResource(resource) is { } error)
                {
                    enabler.Detach(content.Id);
                    return ClientResponse.Error(Lwm2mResponseCode.BadRequest, error);
                }

                // Create sets any resource, whatever its Write permission (Core §6.3.6).
                var result = instance.Write(resource, replace: true);
                if (!result.IsSuccess)
                {
                    enabler.Detach(content.Id);
                    return ClientResponse.Error(result);
                }
            }
        }

        return new ClientResponse
        {
            Code = CoapCode.Created,
            Location = [path.ObjectId.ToString(CultureInfo.InvariantCulture), instances[0].Id.ToString(CultureInfo.InvariantCulture)],
        };
    }

    // ---- Delete (Core §6.3.7) ----

    private ClientResponse Delete(Lwm2mPath path)
    {
        if (!path.IsObjectInstance)
        {
            return ClientResponse.Error(Lwm2mResponseCode.MethodNotAllowed, $"Delete targets an object instance, not {path}");
        }

        if (!_objects.TryGetValue(path.ObjectId, out var enabler))
        {
            return ClientResponse.Error(Lwm2mResponseCode.NotFound, $"object {path.ObjectId} is not supported");
        }

        if (!enabler.Instances.ContainsKey(path.InstanceId))
        {
            return ClientResponse.Error(Lwm2mResponseCode.NotFound, $"{path} does not exist");
        }

        var authorized = enabler.AuthorizeDelete(path.InstanceId);
        if (!authorized.IsSuccess)
        {
            return ClientResponse.Error(authorized);
        }

        enabler.Detach(path.InstanceId);
        return ClientResponse.Of(CoapCode.Deleted);
    }
}
