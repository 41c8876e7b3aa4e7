using System.Buffers;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Client.Internal;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// The composite operations, client side (Core §6.3.8 Read-Composite, §6.3.9 Write-Composite,
/// §6.4.3 Observe-Composite): FETCH and iPATCH on the root path with SenML JSON/CBOR or LwM2M
/// CBOR. A path that does not exist is left out of a Read-Composite response; a Write-Composite
/// is checked whole before any of it is applied. Runs with the lock held.
/// </summary>
public sealed partial class Lwm2mClient
{
    private ClientResponse ReadComposite(ClientRequest request)
    {
        if (!TryComposite(request, out var paths, out var codec, out var failure)
            || !TryReadComposite(paths!, out var content, out failure))
        {
            return failure!;
        }

        return EncodeComposite(codec!, content!);
    }

    private ClientResponse ObserveComposite(ClientRequest request)
    {
        if (!TryComposite(request, out var paths, out var codec, out var failure)
            || !TryReadComposite(paths!, out var content, out failure))
        {
            return failure!;
        }

        var response = EncodeComposite(codec!, content!);
        return response.Code.IsSuccess ? Observed(request, paths!, composite: true, response, content!) : response;
    }

    /// <summary>The paths of a FETCH and the codec of the answer (Accept, else the request's format).</summary>
    private bool TryComposite(ClientRequest request, out IReadOnlyList<Lwm2mPath>? paths, out ILwm2mCompositeCodec? answer, out ClientResponse? failure)
    {
        paths = null;
        answer = null;
        if (!TryCompositeCodec(request, out var codec, out failure))
        {
            return false;
        }

        if (!codec!.TryDecodePaths(request.Body.Span, out paths, out string? error) || paths is null)
        {
            failure = ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"cannot decode the paths: {error}");
            return false;
        }

        uint accept = request.Accept ?? codec.ContentFormat;
        if (accept > ushort.MaxValue || !Supports((ushort)accept) || _codecs.GetComposite((ushort)accept) is not { } output)
        {
            failure = ClientResponse.Error(Lwm2mResponseCode.NotAcceptable, $"content format {accept} cannot carry composite values");
            return false;
        }

        answer = output;
        return true;
    }

    private bool TryCompositeCodec(ClientRequest request, out ILwm2mCompositeCodec? codec, out ClientResponse? failure)
    {
        codec = null;
        failure = null;
        uint cf = request.ContentFormat ?? CoapContentFormat.SenmlCbor;
        if (cf > ushort.MaxValue || !Supports((ushort)cf) || _codecs.GetComposite((ushort)cf) is not { } found)
        {
            failure = ClientResponse.Error(Lwm2mResponseCode.UnsupportedContentFormat, $"content format {cf} cannot carry composite values");
            return false;
        }

        codec = found;
        return true;
    }

    private bool TryReadComposite(IReadOnlyList<Lwm2mPath> paths, out IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? content, out ClientResponse? failure)
    {
        content = null;
        failure = null;
        var nodes = new List<KeyValuePair<Lwm2mPath, Lwm2mNode?>>();
        foreach (var requested in paths)
        {
            var path = requested.WithoutVersion;
            if (path.IsRoot)
            {
                foreach (var enabler in _objects.Values)
                {
                    if (enabler.Id != 0 && ReadNode(Lwm2mPath.Object(enabler.Id), out var objectNode, checkReadable: true).IsSuccess)
                    {
                        nodes.Add(new(Lwm2mPath.Object(enabler.Id), objectNode));
                    }
                }

                continue;
            }

            if (path.ObjectId == 0)
            {
                failure = ClientResponse.Error(Lwm2mResponseCode.Unauthorized, "the Security object is not accessible to a device management server");
                return false;
            }

            var result = ReadNode(path, out var node, checkReadable: true);
            if (result.Code == Lwm2mResponseCode.NotFound)
            {
                continue;
            }

            if (!result.IsSuccess)
            {
                failure = ClientResponse.Error(result);
                return false;
            }

            nodes.Add(new(path, node));
        }

        content = nodes;
        return true;
    }

    private ClientResponse EncodeComposite(ILwm2mCompositeCodec codec, IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> content)
    {
        var buffer = new ArrayBufferWriter<byte>();
        if (!codec.TryEncodeNodes(content, _models, buffer, out string? error))
        {
            return ClientResponse.Error(Lwm2mResponseCode.InternalServerError, $"cannot encode the composite content: {error}");
        }

        return new ClientResponse { Code = CoapCode.Content, ContentFormat = codec.ContentFormat, Payload = buffer.WrittenSpan.ToArray() };
    }

    private ClientResponse WriteComposite(ClientRequest request)
    {
        if (!TryCompositeCodec(request, out var codec, out var failure))
        {
            return failure!;
        }

        if (!codec!.TryDecodeNodes(request.Body.Span, _models, out var nodes, out string? error) || nodes is null)
        {
            return ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"cannot decode the payload: {error}");
        }

        foreach (bool apply in (ReadOnlySpan<bool>)[false, true])
        {
            foreach (var (requested, node) in nodes)
            {
                var path = requested.WithoutVersion;
                if (path.ObjectId == 0)
                {
                    return ClientResponse.Error(Lwm2mResponseCode.Unauthorized, "the Security object is not accessible to a device management server");
                }

                if (path.Depth < 2)
                {
                    return ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"Write-Composite cannot write {path}");
                }

                var result = node is null ? RemoveResourceInstance(path, apply) : WriteNode(path, node, replace: !path.IsObjectInstance, apply);
                if (!result.IsSuccess)
                {
                    return ClientResponse.Error(result);
                }
            }
        }

        return ClientResponse.Of(CoapCode.Changed);
    }

    /// <summary>A Write-Composite path without value: removes a resource instance.</summary>
    private OperationResult RemoveResourceInstance(Lwm2mPath path, bool apply)
    {
        if (!path.IsResourceInstance)
        {
            return OperationResult.BadRequest($"a path without value can only remove a resource instance, not {path}");
        }

        if (!_objects.TryGetValue(path.ObjectId, out var enabler) || !enabler.Instances.TryGetValue(path.InstanceId, out var instance))
        {
            return OperationResult.NotFound($"{Lwm2mPath.Instance(path.ObjectId, path.InstanceId)} does not exist");
        }

        var writable = CheckWritable(instance, path.ResourceId, null);
        if (!writable.IsSuccess)
        {
            return writable;
        }

        if (!apply)
        {
            return instance.GetResource(path.ResourceId) is Lwm2mMultipleResource multiple && multiple.Instances.ContainsKey(path.ResourceInstanceId)
                ? OperationResult.Deleted
                : OperationResult.NotFound($"{path} does not exist");
        }

        return instance.DeleteResourceInstance(path.ResourceId, path.ResourceInstanceId);
    }
}
