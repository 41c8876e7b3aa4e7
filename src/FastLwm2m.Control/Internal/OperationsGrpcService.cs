using FastLwm2m.Coap.LinkFormat;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Rpc;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>
/// fastlwm2m.v1.Operations: each typed request becomes the guide's method and params JSON
/// (<see cref="OperationParams"/>) and runs through <see cref="RpcInvoker"/>, the code path of
/// fastlwm2m.v1.Rpc; the <see cref="RpcResult"/> comes back as typed nodes, links and counts.
/// </summary>
internal sealed class OperationsGrpcService(ControlContext platform) : V1.Operations.OperationsBase
{
    public override async Task<V1.ReadResponse> Read(V1.ReadRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) => p.Target(w, request.Target, "target"));
        RpcResult result = await RunAsync(context, request.Device, "Read", p).ConfigureAwait(false);
        var response = Fill(new V1.ReadResponse(), result);
        if (Delivered(result) && result.Node is { } node)
        {
            response.Node = ToProto(node);
        }

        return response;
    }

    public override async Task<V1.DiscoverResponse> Discover(V1.DiscoverRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) => p.Target(w, request.Target, "target"));
        RpcResult result = await RunAsync(context, request.Device, "Discover", p).ConfigureAwait(false);
        var response = Fill(new V1.DiscoverResponse(), result);
        if (Delivered(result) && result.Response?.Links is { } links)
        {
            response.Links.AddRange(links.Select(ToProto));
        }

        return response;
    }

    public override async Task<V1.WriteResponse> Write(V1.WriteRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) =>
        {
            Lwm2mPath? path = p.Target(w, request.Target, "target");
            p.Content(w, request.Value, request.Node, path);
        });
        RpcResult result = await RunAsync(context, request.Device, request.Replace ? "WriteReplace" : "WriteUpdate", p).ConfigureAwait(false);
        return Fill(new V1.WriteResponse(), result);
    }

    public override async Task<V1.WriteAttributesResponse> WriteAttributes(V1.WriteAttributesRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) =>
        {
            p.Target(w, request.Target, "target");
            p.Attributes(w, request.Attributes, "attributes");
        });
        RpcResult result = await RunAsync(context, request.Device, "WriteAttributes", p).ConfigureAwait(false);
        return Fill(new V1.WriteAttributesResponse(), result);
    }

    public override async Task<V1.ReadCompositeResponse> ReadComposite(V1.ReadCompositeRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) => p.Targets(w, request.Targets, "targets"));
        RpcResult result = await RunAsync(context, request.Device, "ReadComposite", p).ConfigureAwait(false);
        var response = Fill(new V1.ReadCompositeResponse(), result);
        if (Delivered(result) && result.CompositeNodes is { } nodes)
        {
            response.Nodes.AddRange(nodes.Select(ToProto));
        }

        return response;
    }

    public override async Task<V1.WriteCompositeResponse> WriteComposite(V1.WriteCompositeRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) => p.Entries(w, request.Entries, "entries"));
        RpcResult result = await RunAsync(context, request.Device, "WriteComposite", p).ConfigureAwait(false);
        return Fill(new V1.WriteCompositeResponse(), result);
    }

    public override async Task<V1.DeleteResponse> Delete(V1.DeleteRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) => p.Target(w, request.Target, "target"));
        RpcResult result = await RunAsync(context, request.Device, "Delete", p).ConfigureAwait(false);
        return Fill(new V1.DeleteResponse(), result);
    }

    public override async Task<V1.ExecuteResponse> Execute(V1.ExecuteRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) =>
        {
            p.Target(w, request.Target, "target");
            OperationParams.Arguments(w, request.Arguments);
        });
        RpcResult result = await RunAsync(context, request.Device, "Execute", p).ConfigureAwait(false);
        return Fill(new V1.ExecuteResponse(), result);
    }

    public override async Task<V1.CreateResponse> Create(V1.CreateRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) =>
        {
            p.Target(w, request.Target, "target");
            p.Resources(w, request.Resources, "resources");
        });
        RpcResult result = await RunAsync(context, request.Device, "Create", p).ConfigureAwait(false);
        var response = Fill(new V1.CreateResponse(), result);
        if (Delivered(result))
        {
            response.Location = result.Response?.Location ?? result.Value ?? "";
        }

        return response;
    }

    public override async Task<V1.ObserveResponse> Observe(V1.ObserveRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) => p.Target(w, request.Target, "target"));
        RpcResult result = await RunAsync(context, request.Device, "Observe", p).ConfigureAwait(false);
        var response = Fill(new V1.ObserveResponse(), result);
        if (Delivered(result) && result.Node is { } node)
        {
            response.Node = ToProto(node);
        }

        return response;
    }

    public override async Task<V1.ObserveCancelResponse> ObserveCancel(V1.ObserveCancelRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) => p.Target(w, request.Target, "target"));
        RpcResult result = await RunAsync(context, request.Device, "ObserveCancel", p).ConfigureAwait(false);
        var response = Fill(new V1.ObserveCancelResponse(), result);
        response.Cancelled = Count(result);
        return response;
    }

    public override async Task<V1.ObserveCompositeResponse> ObserveComposite(V1.ObserveCompositeRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) => p.Targets(w, request.Targets, "targets"));
        RpcResult result = await RunAsync(context, request.Device, "ObserveComposite", p).ConfigureAwait(false);
        var response = Fill(new V1.ObserveCompositeResponse(), result);
        if (Delivered(result) && result.CompositeNodes is { } nodes)
        {
            response.Nodes.AddRange(nodes.Select(ToProto));
        }

        return response;
    }

    public override async Task<V1.ObserveCompositeCancelResponse> ObserveCompositeCancel(V1.ObserveCompositeCancelRequest request, ServerCallContext context)
    {
        OperationParams p = OperationParams.Build((w, p) => p.Targets(w, request.Targets, "targets"));
        RpcResult result = await RunAsync(context, request.Device, "ObserveCompositeCancel", p).ConfigureAwait(false);
        var response = Fill(new V1.ObserveCompositeCancelResponse(), result);
        response.Cancelled = Count(result);
        return response;
    }

    public override async Task<V1.ObserveCancelAllResponse> ObserveCancelAll(V1.ObserveCancelAllRequest request, ServerCallContext context)
    {
        RpcResult result = await RunAsync(context, request.Device, "ObserveCancelAll", OperationParams.None).ConfigureAwait(false);
        var response = Fill(new V1.ObserveCancelAllResponse(), result);
        response.Cancelled = Count(result);
        return response;
    }

    public override async Task<V1.ObserveReadAllResponse> ObserveReadAll(V1.ObserveReadAllRequest request, ServerCallContext context)
    {
        RpcResult result = await RunAsync(context, request.Device, "ObserveReadAll", OperationParams.None).ConfigureAwait(false);
        var response = Fill(new V1.ObserveReadAllResponse(), result);
        if (Delivered(result) && result.Paths is { } paths)
        {
            response.Paths.AddRange(paths.Select(static path => path.ToString()));
        }

        return response;
    }

    public override async Task<V1.DiscoverAllResponse> DiscoverAll(V1.DiscoverAllRequest request, ServerCallContext context)
    {
        RpcResult result = await RunAsync(context, request.Device, "DiscoverAll", OperationParams.None).ConfigureAwait(false);
        var response = Fill(new V1.DiscoverAllResponse(), result);
        if (Delivered(result) && result.Links is { } links)
        {
            response.Links.AddRange(links.Select(ToProto));
        }

        return response;
    }

    private Task<RpcResult> RunAsync(ServerCallContext context, V1.DeviceRef? device, string method, OperationParams p) =>
        RpcInvoker.ExecuteAsync(platform, context, device, method, p.Json, p.Invalid);

    private static T Fill<T>(T response, RpcResult result)
        where T : V1.IOperationResponse
    {
        response.Result = result.Result;
        response.Success = result.IsSuccess;
        response.Error = result.Error ?? "";
        if (IsQueued(result))
        {
            response.QueuedRequestId = result.Value ?? "";
        }

        return response;
    }

    private static bool IsQueued(RpcResult result) => result.Result == "QUEUED";

    // The device answered with success: the result carries the payload.
    private static bool Delivered(RpcResult result) => result.IsSuccess && !IsQueued(result);

    private static uint Count(RpcResult result) => Delivered(result) && result.Count is int count ? (uint)count : 0;

    private static V1.Link ToProto(CoreLink link)
    {
        var result = new V1.Link { Url = link.Uri };
        foreach (LinkAttribute attribute in link.Attributes)
        {
            result.Attributes[attribute.Name] = attribute.Value ?? "";
        }

        return result;
    }

    private static V1.PathNode ToProto(KeyValuePair<Lwm2mPath, Lwm2mNode?> entry) =>
        new() { Path = entry.Key.ToString(), Node = entry.Value is null ? null : ToProto(entry.Value) };

    private static V1.Node ToProto(Lwm2mNode node) => node switch
    {
        Lwm2mSingleResource single => new V1.Node { SingleResource = Single(single) },
        Lwm2mMultipleResource multiple => new V1.Node { MultipleResource = Multiple(multiple) },
        Lwm2mObjectInstance instance => new V1.Node { ObjectInstance = Instance(instance) },
        Lwm2mObject obj => new V1.Node { Object = Object(obj) },
        Lwm2mResourceInstance instance => new V1.Node { ResourceInstance = ResourceInstance(instance) },
        _ => new V1.Node(),
    };

    private static V1.ObjectNode Object(Lwm2mObject obj)
    {
        var result = new V1.ObjectNode { Id = obj.Id };
        result.Instances.AddRange(obj.Instances.Values.OrderBy(i => i.Id).Select(Instance));
        return result;
    }

    private static V1.ObjectInstance Instance(Lwm2mObjectInstance instance)
    {
        var result = new V1.ObjectInstance { Id = instance.Id };
        result.Resources.AddRange(instance.Resources.Values.OrderBy(r => r.Id).Select(r => r switch
        {
            Lwm2mMultipleResource multiple => new V1.Resource { Multiple = Multiple(multiple) },
            Lwm2mSingleResource single => new V1.Resource { Single = Single(single) },
            _ => new V1.Resource(),
        }));
        return result;
    }

    private static V1.SingleResource Single(Lwm2mSingleResource resource) => new() { Id = resource.Id, Value = ToProto(resource.Value) };

    private static V1.MultipleResource Multiple(Lwm2mMultipleResource resource)
    {
        var result = new V1.MultipleResource { Id = resource.Id };
        result.Instances.AddRange(resource.Instances.Values.OrderBy(i => i.Id).Select(ResourceInstance));
        return result;
    }

    private static V1.ResourceInstance ResourceInstance(Lwm2mResourceInstance instance) => new() { Id = instance.Id, Value = ToProto(instance.Value) };

    private static V1.Value ToProto(Lwm2mValue value) => value.Type switch
    {
        ResourceType.String => new V1.Value { String = value.AsString() },
        ResourceType.Integer => new V1.Value { Integer = value.AsInteger() },
        ResourceType.UnsignedInteger => new V1.Value { UnsignedInteger = value.AsUnsignedInteger() },
        ResourceType.Float => new V1.Value { Float = value.AsFloat() },
        ResourceType.Boolean => new V1.Value { Boolean = value.AsBoolean() },
        ResourceType.Opaque => new V1.Value { Opaque = ByteString.CopyFrom(value.AsOpaque()) },
        ResourceType.Time => new V1.Value { Time = new Timestamp { Seconds = value.AsUnixTime() } },
        ResourceType.Objlnk => new V1.Value { Objlnk = new V1.ObjectLink { ObjectId = value.AsObjectLink().ObjectId, InstanceId = value.AsObjectLink().InstanceId } },
        ResourceType.Corelnk => new V1.Value { Corelnk = value.AsString() },
        _ => new V1.Value(),
    };
}
