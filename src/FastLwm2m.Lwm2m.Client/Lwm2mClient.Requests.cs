using System.Buffers;
using System.Globalization;
using FastLwm2m.Coap;
using FastLwm2m.Coap.LinkFormat;
using FastLwm2m.Lwm2m.Client.Internal;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// Device management operations, client side (Core §6.3, Transport §6.4 Table 6.4-1): which CoAP
/// request is which operation, Read and Discover. Every method here runs with the lock held.
/// </summary>
public sealed partial class Lwm2mClient
{
    private ClientResponse Dispatch(ClientRequest request)
    {
        if (request.PathError is { } pathError)
        {
            return ClientResponse.Error(Lwm2mResponseCode.NotFound, pathError);
        }

        var path = request.Path;

        // The Security object is for the client and bootstrap server only (Core §E.1).
        if (path.ObjectId == 0)
        {
            return ClientResponse.Error(Lwm2mResponseCode.Unauthorized, "the Security object is not accessible to a device management server");
        }

        var method = request.Method;
        if (request.Observe == 1 && (method == CoapCode.Get || method == CoapCode.Fetch))
        {
            // RFC 7641 §3.6 (Core §6.4.2 Cancel Observation): the engine dropped the observer; drop its state and timer too.
            CancelObservation(request.Token);
        }

        if (method == CoapCode.Get)
        {
            if (request.Accept == CoapContentFormat.LinkFormat)
            {
                return Discover(path);
            }

            return request.Observe == 0 || request.IsNotificationRefresh ? Observe(request) : ReadResponse(path, request.Accept);
        }

        if (method == CoapCode.Fetch || method == CoapCode.IPatch)
        {
            if (_options.Version == Lwm2mVersion.V1_0)
            {
                return ClientResponse.Error(Lwm2mResponseCode.MethodNotAllowed, "composite operations need LwM2M 1.1");
            }

            if (!path.IsRoot)
            {
                return ClientResponse.Error(Lwm2mResponseCode.MethodNotAllowed, $"{method} is only allowed on the root path");
            }

            if (method == CoapCode.IPatch)
            {
                return WriteComposite(request);
            }

            return request.Observe == 0 || request.IsNotificationRefresh ? ObserveComposite(request) : ReadComposite(request);
        }

        if (method == CoapCode.Put)
        {
            // Write-Attributes: PUT with the attributes as Uri-Query and no payload (Transport Table 6.4-1).
            if (request.Body.IsEmpty && request.ContentFormat is null && request.Queries.Count > 0)
            {
                return WriteAttributes(path, request.Queries);
            }

            return Write(request, replace: true);
        }

        if (method == CoapCode.Post)
        {
            switch (path.Depth)
            {
                case 1:
                    return Create(request);
                case 2:
                    return Write(request, replace: false);
                case 3 when request.ContentFormat is null or CoapContentFormat.TextPlain:
                    return Execute(path, request.Body.Span);
                case 3:
                    // Partial update of a multiple resource (LwM2M 1.1: POST with a payload format other than text).
                    return Write(request, replace: false);
                default:
                    return ClientResponse.Error(Lwm2mResponseCode.MethodNotAllowed, $"POST is not allowed on {path}");
            }
        }

        if (method == CoapCode.Delete)
        {
            return Delete(path);
        }

        return ClientResponse.Error(Lwm2mResponseCode.MethodNotAllowed, $"{method} is not an LwM2M operation");
    }

    // ---- Read ----

    private ClientResponse ReadResponse(Lwm2mPath path, uint? accept)
    {
        var result = ReadNode(path, out var node, checkReadable: true);
        if (!result.IsSuccess)
        {
            return ClientResponse.Error(result);
        }

        return Encode(path, node!, accept, out _);
    }

    /// <summary>The node at a path through the enablers (Core §6.3.1): object, instance, resource or resource instance.</summary>
    internal OperationResult ReadNode(Lwm2mPath path, out Lwm2mNode? node, bool checkReadable)
    {
        node = null;
        if (path.IsRoot)
        {
            return OperationResult.MethodNotAllowed("Read of the root path is not an LwM2M operation");
        }

        if (!_objects.TryGetValue(path.ObjectId, out var enabler))
        {
            return OperationResult.NotFound($"object {path.ObjectId} is not supported");
        }

        if (path.IsObject)
        {
            var instances = new List<Lwm2mObjectInstance>(enabler.Instances.Count);
            foreach (var instance in enabler.Instances.Values)
            {
                instances.Add(ReadInstance(instance));
            }

            node = new Lwm2mObject(enabler.Id, instances);
            return OperationResult.Content;
        }

        if (!enabler.Instances.TryGetValue(path.InstanceId, out var target))
        {
            return OperationResult.NotFound($"{Lwm2mPath.Instance(path.ObjectId, path.InstanceId)} does not exist");
        }

        if (path.IsObjectInstance)
        {
            node = ReadInstance(target);
            return OperationResult.Content;
        }

        var model = enabler.Model.GetResource(path.ResourceId);
        if (model is null)
        {
            return OperationResult.NotFound($"object {path.ObjectId} has no resource {path.ResourceId}");
        }

        if (checkReadable && (model.Operations & ResourceOperations.Read) == 0)
        {
            return OperationResult.MethodNotAllowed($"{Lwm2mPath.Resource(path.ObjectId, path.InstanceId, path.ResourceId)} ({model.Name}) is not readable");
        }

        var result = target.Read(path.ResourceId, out var resource);
        if (!result.IsSuccess || resource is null)
        {
            return result.IsSuccess ? OperationResult.NotFound() : result;
        }

        if (path.IsResource)
        {
            node = resource;
            return OperationResult.Content;
        }

        if (resource is not Lwm2mMultipleResource multiple || !multiple.Instances.TryGetValue(path.ResourceInstanceId, out var resourceInstance))
        {
            return OperationResult.NotFound($"{path} does not exist");
        }

        node = resourceInstance;
        return OperationResult.Content;
    }

    private static Lwm2mObjectInstance ReadInstance(InstanceEnabler instance)
    {
        var resources = new List<Lwm2mResource>();
        foreach (int id in instance.GetAvailableResourceIds())
        {
            if (instance.Model.GetResource(id) is { } model && (model.Operations & ResourceOperations.Read) != 0
                && instance.Read(id, out var resource).IsSuccess && resource is not null)
            {
                resources.Add(resource);
            }
        }

        return new Lwm2mObjectInstance(instance.Id, resources);
    }

    /// <summary>
    /// Encodes a node in the format asked for (Accept) or the default one; 4.06 when the client does
    /// not speak it or it cannot carry this node (text for an instance...).
    /// </summary>
    private ClientResponse Encode(Lwm2mPath path, Lwm2mNode node, uint? accept, out ushort format)
    {
        format = 0;
        if (accept is { } asked)
        {
            if (asked > ushort.MaxValue || !Supports((ushort)asked))
            {
                return ClientResponse.Error(Lwm2mResponseCode.NotAcceptable, $"content format {asked} is not supported");
            }

            format = (ushort)asked;
        }
        else
        {
            format = DefaultFormatFor(path, node);
        }

        var codec = _codecs.Get(format)!;
        if (!codec.CanEncode(path, node))
        {
            return ClientResponse.Error(Lwm2mResponseCode.NotAcceptable, $"content format {format} cannot carry {path}");
        }

        var buffer = new ArrayBufferWriter<byte>();
        if (!codec.TryEncode(path, node, _models, buffer, out string? error))
        {
            return ClientResponse.Error(Lwm2mResponseCode.InternalServerError, $"cannot encode {path}: {error}");
        }

        return new ClientResponse { Code = CoapCode.Content, ContentFormat = format, Payload = buffer.WrittenSpan.ToArray() };
    }

    private ushort DefaultFormatFor(Lwm2mPath path, Lwm2mNode node)
    {
        if (_codecs.Get(DefaultContentFormat)!.CanEncode(path, node))
        {
            return DefaultContentFormat;
        }

        foreach (ushort format in _contentFormats)
        {
            if (_codecs.Get(format)!.CanEncode(path, node))
            {
                return format;
            }
        }

        return DefaultContentFormat;
    }

    // ---- Discover (Core §6.3.2) ----

    private ClientResponse Discover(Lwm2mPath path)
    {
        if (path.IsRoot || path.IsResourceInstance)
        {
            return ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"Discover is not allowed on {path}");
        }

        if (!_objects.TryGetValue(path.ObjectId, out var enabler))
        {
            return ClientResponse.Error(Lwm2mResponseCode.NotFound, $"object {path.ObjectId} is not supported");
        }

        var links = new List<CoreLink>();
        if (path.IsObject)
        {
            var attributes = new List<LinkAttribute>();
            if (enabler.Model.Version != ObjectVersion.Default)
            {
                attributes.Add(new LinkAttribute("ver", enabler.Model.Version.ToString()));
            }

            attributes.AddRange(AttachedAttributes(path));
            links.Add(new CoreLink(path.ToString(), attributes));
            foreach (var instance in enabler.Instances.Values)
            {
                AddInstanceLinks(links, instance);
            }
        }
        else
        {
            if (!enabler.Instances.TryGetValue(path.InstanceId, out var instance))
            {
                return ClientResponse.Error(Lwm2mResponseCode.NotFound, $"{path} does not exist");
            }

            if (path.IsObjectInstance)
            {
                AddInstanceLinks(links, instance);
            }
            else
            {
                if (enabler.Model.GetResource(path.ResourceId) is null || !instance.GetAvailableResourceIds().Contains(path.ResourceId))
                {
                    return ClientResponse.Error(Lwm2mResponseCode.NotFound, $"{path} does not exist");
                }

                AddResourceLinks(links, instance, path.ResourceId, withInstances: _options.Version != Lwm2mVersion.V1_0);
            }
        }

        return new ClientResponse
        {
            Code = CoapCode.Content,
            ContentFormat = CoapContentFormat.LinkFormat,
            Payload = System.Text.Encoding.UTF8.GetBytes(LinkFormatWriter.Format(links)),
        };
    }

    private void AddInstanceLinks(List<CoreLink> links, InstanceEnabler instance)
    {
        links.Add(new CoreLink(instance.Path.ToString(), AttachedAttributes(instance.Path)));
        foreach (int id in instance.GetAvailableResourceIds())
        {
            AddResourceLinks(links, instance, id, withInstances: false);
        }
    }

    private void AddResourceLinks(List<CoreLink> links, InstanceEnabler instance, int resourceId, bool withInstances)
    {
        var path = instance.Path.Append(resourceId);
        var attributes = new List<LinkAttribute>();
        var stored = instance.GetResource(resourceId);
        if (stored is Lwm2mMultipleResource multiple)
        {
            attributes.Add(new LinkAttribute("dim", multiple.Instances.Count.ToString(CultureInfo.InvariantCulture)));
        }

        attributes.AddRange(AttachedAttributes(path));
        links.Add(new CoreLink(path.ToString(), attributes));
        if (withInstances && stored is Lwm2mMultipleResource resource)
        {
            foreach (int id in resource.Instances.Keys)
            {
                var instancePath = path.Append(id);
                links.Add(new CoreLink(instancePath.ToString(), AttachedAttributes(instancePath)));
            }
        }
    }
}
