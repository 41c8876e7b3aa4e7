using System.Text.Json;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Rpc.Internal;

namespace FastLwm2m.Platform.Rpc;

/// <summary>
/// The RPC methods of the functional reference ("RPC Commands"): a method name and its params
/// JSON in, the guide's result out. Each method maps to one <see cref="Lwm2mServer"/> operation
/// (or, for ObserveCancelAll, ObserveReadAll and DiscoverAll, to the server's own state). Method
/// names are matched case-insensitively. Never throws for bad params or device failures: those
/// are results (BAD_REQUEST naming the field, the device's response code, TIMEOUT...).
/// Thread-safe.
/// </summary>
public sealed partial class RpcService
{
    private static readonly ObjectModelRepository CoreModels = ObjectModelRepository.CreateWithCoreModels();

    private readonly Lwm2mServer _server;
    private readonly IRpcKeyResolver? _keys;
    private readonly Func<Registration, IObjectModelProvider> _models;

    /// <summary>Creates the service over <paramref name="server"/>.</summary>
    /// <param name="server">The server that sends the operations.</param>
    /// <param name="keys">Resolves <c>key</c>/<c>keys</c> params; without it they are refused.</param>
    /// <param name="models">The models of a registration's objects, to type written values (default: the core models in the registered versions).</param>
    public RpcService(Lwm2mServer server, IRpcKeyResolver? keys = null, Func<Registration, IObjectModelProvider>? models = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        _server = server;
        _keys = keys;
        _models = models ?? (r => CoreModels.ForVersions(r.GetObjectVersion));
    }

    /// <summary>The method names, as the guide spells them.</summary>
    public static IReadOnlyList<string> Methods { get; } =
    [
        "Read", "Discover", "WriteUpdate", "WriteReplace", "WriteAttributes", "ReadComposite", "WriteComposite",
        "Delete", "Execute", "Create", "Observe", "ObserveCancel", "ObserveComposite", "ObserveCompositeCancel",
        "ObserveCancelAll", "ObserveReadAll", "DiscoverAll",
    ];

    /// <summary>
    /// Whether <paramref name="method"/> is answered from the server's own state without contacting
    /// the device (ObserveCancel and ObserveCompositeCancel cancel passively; ObserveCancelAll,
    /// ObserveReadAll, DiscoverAll), so it never needs to wait for a sleeping device.
    /// </summary>
    public static bool RunsWithoutDevice(string method) => method.ToUpperInvariant() is
        "OBSERVECANCEL" or "OBSERVECOMPOSITECANCEL" or "OBSERVECANCELALL" or "OBSERVEREADALL" or "DISCOVERALL";

    /// <summary>Runs a terminal line of the guide (<c>Read {"id":"/3/0/9"}</c>).</summary>
    public Task<RpcResult> ExecuteLineAsync(Registration registration, string line, CancellationToken cancellationToken = default)
    {
        if (!RpcCommandLine.TryParse(line, out string method, out string? paramsJson, out string? error))
        {
            return Task.FromResult(RpcResult.Failure("BAD_REQUEST", error!));
        }

        return ExecuteAsync(registration, method, paramsJson, cancellationToken);
    }

    /// <summary>Runs <paramref name="method"/> with <paramref name="paramsJson"/> (a JSON object, or null/empty for none) on the device of <paramref name="registration"/>.</summary>
    public async Task<RpcResult> ExecuteAsync(Registration registration, string method, string? paramsJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(method);
        JsonDocument? document = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(paramsJson))
            {
                try
                {
                    document = JsonDocument.Parse(paramsJson);
                }
                catch (JsonException e)
                {
                    return RpcResult.Failure("BAD_REQUEST", $"params: invalid JSON ({e.Message})");
                }

                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return RpcResult.Failure("BAD_REQUEST", "params: expected a JSON object");
                }
            }

            var p = new Params(document?.RootElement, registration, _keys);
            return method.ToUpperInvariant() switch
            {
                "READ" => await ReadAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "DISCOVER" => await DiscoverAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "WRITEUPDATE" => await WriteAsync(registration, p, replace: false, cancellationToken).ConfigureAwait(false),
                "WRITEREPLACE" => await WriteAsync(registration, p, replace: true, cancellationToken).ConfigureAwait(false),
                "WRITEATTRIBUTES" => await WriteAttributesAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "READCOMPOSITE" => await ReadCompositeAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "WRITECOMPOSITE" => await WriteCompositeAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "DELETE" => await DeleteAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "EXECUTE" => await ExecuteResourceAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "CREATE" => await CreateAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "OBSERVE" => await ObserveAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "OBSERVECANCEL" => await ObserveCancelAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "OBSERVECOMPOSITE" => await ObserveCompositeAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "OBSERVECOMPOSITECANCEL" => await ObserveCompositeCancelAsync(registration, p, cancellationToken).ConfigureAwait(false),
                "OBSERVECANCELALL" => ObserveCancelAll(registration),
                "OBSERVEREADALL" => ObserveReadAll(registration),
                "DISCOVERALL" => DiscoverAll(registration),
                _ => RpcResult.Failure("BAD_REQUEST", $"Unsupported method \"{method}\"; supported: {string.Join(", ", Methods)}"),
            };
        }
        catch (RpcParamsException e)
        {
            return RpcResult.Failure("BAD_REQUEST", e.Message);
        }
        finally
        {
            document?.Dispose();
        }
    }

    private async Task<RpcResult> ReadAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var response = await _server.ReadAsync(registration, p.Path(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return WithContent(response);
    }

    private async Task<RpcResult> DiscoverAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var response = await _server.DiscoverAsync(registration, p.Path(), cancellationToken).ConfigureAwait(false);
        return response.IsSuccess
            ? new RpcResult(response.Code.ToName(), Lwm2mNodeRenderer.RenderLinks(response.Links ?? [])) { Response = response }
            : Failed(response);
    }

    private async Task<RpcResult> WriteAsync(Registration registration, Params p, bool replace, CancellationToken cancellationToken)
    {
        var path = p.Path();
        var node = RpcValueConverter.ToNode(path, p.Required("value"), _models(registration), "value");
        if (!replace && path.IsResource && node is Lwm2mMultipleResource)
        {
            // Partial Update targets an object instance (Core §6.3.3): updating some instances of a
            // multiple resource is a partial update of its instance carrying only that resource, which
            // the client merges into the existing resource instances.
            node = new Lwm2mObjectInstance(path.InstanceId, [(Lwm2mResource)node]);
            path = path.Parent;
        }

        var response = await _server.WriteAsync(registration, path, node, replace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return WithoutContent(response);
    }

    private async Task<RpcResult> WriteAttributesAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var path = p.Path();
        var attributes = Params.ToAttributes(p.Required("attributes"));
        var response = await _server.WriteAttributesAsync(registration, path, attributes, cancellationToken).ConfigureAwait(false);
        return WithoutContent(response);
    }

    private async Task<RpcResult> ReadCompositeAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var paths = p.Paths();
        var response = await _server.ReadCompositeAsync(registration, paths, cancellationToken: cancellationToken).ConfigureAwait(false);
        return WithCompositeContent(response, paths);
    }

    private async Task<RpcResult> WriteCompositeAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var nodes = p.Required("nodes");
        if (nodes.ValueKind != JsonValueKind.Object)
        {
            throw new RpcParamsException("nodes: expected {\"path or key\": value, ...}");
        }

        var models = _models(registration);
        var list = new List<KeyValuePair<Lwm2mPath, Lwm2mNode?>>();
        foreach (var property in nodes.EnumerateObject())
        {
            var path = p.PathOrKey(property.Name, $"nodes.{property.Name}");
            list.Add(new(path, RpcValueConverter.ToNode(path, property.Value, models, $"nodes.{property.Name}")));
        }

        var response = await _server.WriteCompositeAsync(registration, list, cancellationToken: cancellationToken).ConfigureAwait(false);
        return WithoutContent(response);
    }

    private async Task<RpcResult> DeleteAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        // The guide's example shows {"result":"DELETE"}, but the result stands for the CoAP
        // response, 2.02 Deleted, whose name is DELETED: we return that.
        var response = await _server.DeleteAsync(registration, p.Path(), cancellationToken).ConfigureAwait(false);
        return WithoutContent(response);
    }

    private async Task<RpcResult> ExecuteResourceAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var path = p.Path();
        string? arguments = p.Optional("value") is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
        var response = await _server.ExecuteAsync(registration, path, arguments, cancellationToken).ConfigureAwait(false);
        return WithoutContent(response);
    }

    private async Task<RpcResult> CreateAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var path = p.Path();
        if (!path.IsObject && !path.IsObjectInstance)
        {
            throw new RpcParamsException($"id: Create targets an object (\"/19\") or a new object instance (\"/19/1\"), not {path}");
        }

        var objectModel = _models(registration).GetObjectModel(path.ObjectId)
            ?? throw new RpcParamsException($"id: no model for object {path.ObjectId}");

        // Without an instance id the server picks the next free one (Core §6.3.6 lets the server
        // name it; the reference platform does this for {"id":"/19","value":{...}}).
        int instanceId = path.IsObjectInstance
            ? path.InstanceId
            : registration.ObjectInstances.Where(i => i.ObjectId == path.ObjectId).Select(i => i.InstanceId + 1).DefaultIfEmpty(0).Max();
        var instance = RpcValueConverter.ToInstance(objectModel, instanceId, p.Required("value"), "value");
        var objectPath = Lwm2mPath.Object(path.ObjectId, path.ObjectVersion);
        var response = await _server.CreateAsync(registration, objectPath, instance, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.IsSuccess
            ? new RpcResult(response.Code.ToName(), response.Location) { Response = response }
            : Failed(response);
    }

    private static RpcResult WithContent(Lwm2mResponse response) =>
        response.IsSuccess && response.Content is { } node
            ? new RpcResult(response.Code.ToName(), Lwm2mNodeRenderer.Render(node)) { Node = node, Response = response }
            : response.IsSuccess ? new RpcResult(response.Code.ToName()) { Response = response } : Failed(response);

    private static RpcResult WithCompositeContent(Lwm2mResponse response, IReadOnlyList<Lwm2mPath> requested)
    {
        if (!response.IsSuccess)
        {
            return Failed(response);
        }

        var nodes = CompositeRegrouper.Group(requested, response.CompositeContent ?? []);
        return new RpcResult(response.Code.ToName(), Lwm2mNodeRenderer.RenderComposite(nodes)) { CompositeNodes = nodes, Response = response };
    }

    /// <summary>The result of an operation whose success carries no value (Write, Execute, Delete...): the response code's name, or the failure.</summary>
    internal static RpcResult WithoutContent(Lwm2mResponse response) =>
        response.IsSuccess ? new RpcResult(response.Code.ToName()) { Response = response } : Failed(response);

    /// <summary>A failed operation: the response code's name, or BAD_REQUEST/TIMEOUT/RESET/... when the device gave none.</summary>
    internal static RpcResult Failed(Lwm2mResponse response)
    {
        string result = response.Outcome switch
        {
            Lwm2mOutcome.Response => response.Code.ToName(),
            Lwm2mOutcome.Invalid => "BAD_REQUEST",
            Lwm2mOutcome.Timeout => "TIMEOUT",
            Lwm2mOutcome.Reset => "RESET",
            Lwm2mOutcome.Cancelled => "CANCELED",
            Lwm2mOutcome.Rejected => "SERVICE_UNAVAILABLE",
            _ => "INTERNAL_SERVER_ERROR",
        };
        return new RpcResult(result, null, response.ErrorMessage ?? response.ToString()) { Response = response };
    }
}
