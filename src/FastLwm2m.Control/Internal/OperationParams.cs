using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastLwm2m.Lwm2m;
using Google.Protobuf.Collections;
using Grpc.Core;
using V1 = FastLwm2m.Control.V1;

namespace FastLwm2m.Control.Internal;

/// <summary>
/// Builds the guide's params JSON of a typed Operations request, checking what it can without the
/// device (INVALID_ARGUMENT naming the proto field), and remembers which params field stands for
/// which proto field, so that the <see cref="FastLwm2m.Platform.Rpc.RpcService"/>'s own BAD_REQUEST
/// messages ("value: ...", "key: unknown key ...") come back naming the proto field.
/// Values are written as <c>RpcValueConverter</c> reads them: numbers and booleans as JSON,
/// opaque as hex, time as Unix seconds, object links as "object:instance".
/// </summary>
internal sealed class OperationParams
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] AttributeNames = ["pmin", "pmax", "gt", "lt", "st", "epmin", "epmax"];

    private const string ValueKinds = "set one of integer, unsigned_integer, float, boolean, string, opaque, time, objlnk, corelnk";
    private const string NodeKinds = "set one of single_resource, multiple_resource, object_instance, resource_instance";

    // (params field, proto field), tried longest first: "value" → "node", "nodes./3/0/9" → "entries[0]".
    private readonly List<(string Params, string Proto)> _fields = [];

    private OperationParams(string? json) => Json = json;

    /// <summary>The params JSON; null for methods without params.</summary>
    public string? Json { get; private set; }

    /// <summary>No params (ObserveCancelAll, ObserveReadAll, DiscoverAll).</summary>
    public static OperationParams None { get; } = new(null);

    /// <summary>Writes a params object with <paramref name="write"/>.</summary>
    public static OperationParams Build(Action<Utf8JsonWriter, OperationParams> write)
    {
        var result = new OperationParams(null);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            write(writer, result);
            writer.WriteEndObject();
        }

        result.Json = System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
        return result;
    }

    /// <summary>The INVALID_ARGUMENT for a BAD_REQUEST message of the RpcService, naming the proto field.</summary>
    public RpcException Invalid(string error)
    {
        foreach (var (from, to) in _fields.OrderByDescending(f => f.Params.Length))
        {
            // A field name must end where the message's field ends ("id" is not "ids[0]"); a
            // pattern with ':' in it is a whole message prefix.
            if (error.StartsWith(from, StringComparison.Ordinal)
                && error.Length > from.Length
                && (from.Contains(':', StringComparison.Ordinal) || error[from.Length] is ':' or '.' or '['))
            {
                return Errors.InvalidArgument(to + error[from.Length..]);
            }
        }

        return Errors.InvalidArgument(error);
    }

    /// <summary>Writes <c>id</c> or <c>key</c>; the parsed path for a path target, null for a key.</summary>
    public Lwm2mPath? Target(Utf8JsonWriter writer, V1.Target? target, string field)
    {
        Map("id", field);
        Map("key", field);
        switch (target?.TargetCase ?? V1.Target.TargetOneofCase.None)
        {
            case V1.Target.TargetOneofCase.Path:
                Lwm2mPath path = ParsePath(target!.Path, $"{field}.path");
                writer.WriteString("id", target.Path);
                return path;
            case V1.Target.TargetOneofCase.Key:
                writer.WriteString("key", RequiredKey(target!.Key, $"{field}.key"));
                return null;
            default:
                throw Errors.InvalidArgument(field, "path or key required");
        }
    }

    /// <summary>Writes <c>ids</c> or <c>keys</c>.</summary>
    public void Targets(Utf8JsonWriter writer, RepeatedField<V1.Target> targets, string field)
    {
        if (targets.Count == 0)
        {
            throw Errors.InvalidArgument(field, "required: at least one path or key");
        }

        Map("ids", field);
        Map("keys", field);
        V1.Target.TargetOneofCase kind = targets[0].TargetCase;
        for (int i = 0; i < targets.Count; i++)
        {
            V1.Target target = targets[i];
            if (target.TargetCase == V1.Target.TargetOneofCase.None)
            {
                throw Errors.InvalidArgument($"{field}[{i}]", "path or key required");
            }

            if (target.TargetCase != kind)
            {
                throw Errors.InvalidArgument($"{field}[{i}]", "give all paths or all keys, not both");
            }

            if (kind == V1.Target.TargetOneofCase.Path)
            {
                ParsePath(target.Path, $"{field}[{i}].path");
            }
            else
            {
                RequiredKey(target.Key, $"{field}[{i}].key");
            }
        }

        writer.WriteStartArray(kind == V1.Target.TargetOneofCase.Path ? "ids" : "keys");
        foreach (V1.Target target in targets)
        {
            writer.WriteStringValue(kind == V1.Target.TargetOneofCase.Path ? target.Path : target.Key);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes <c>value</c> (Write): the request's <c>value</c>, or else its <c>node</c>, to write at <paramref name="path"/> (null for a key target).</summary>
    public void Content(Utf8JsonWriter writer, V1.Value? value, V1.Node? node, Lwm2mPath? path)
    {
        if (value is not null)
        {
            Map("value", "value");
            writer.WritePropertyName("value");
            Value(writer, value, "value");
        }
        else if (node is not null)
        {
            Map("value", "node");
            writer.WritePropertyName("value");
            Node(writer, node, path, "node");
        }
        else
        {
            throw Errors.InvalidArgument("value", "required: give a value or a node");
        }
    }

    /// <summary>Writes <c>value</c>: the resources of a new object instance (Create).</summary>
    public void Resources(Utf8JsonWriter writer, RepeatedField<V1.Resource> resources, string field)
    {
        Map("value", field);
        writer.WritePropertyName("value");
        Instance(writer, resources, field);
    }

    /// <summary>Writes <c>nodes</c> (Write-Composite): each entry's path or key and its value or node.</summary>
    public void Entries(Utf8JsonWriter writer, RepeatedField<V1.WriteCompositeEntry> entries, string field)
    {
        if (entries.Count == 0)
        {
            throw Errors.InvalidArgument(field, "required: at least one entry");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject("nodes");
        for (int i = 0; i < entries.Count; i++)
        {
            V1.WriteCompositeEntry entry = entries[i];
            string entryField = $"{field}[{i}]";
            Lwm2mPath? path = null;
            string name;
            switch (entry.Target?.TargetCase ?? V1.Target.TargetOneofCase.None)
            {
                case V1.Target.TargetOneofCase.Path:
                    path = ParsePath(entry.Target!.Path, $"{entryField}.target.path");
                    name = entry.Target.Path;
                    break;
                case V1.Target.TargetOneofCase.Key:
                    name = RequiredKey(entry.Target!.Key, $"{entryField}.target.key");
                    if (name[0] == '/' || char.IsAsciiDigit(name[0]))
                    {
                        throw Errors.InvalidArgument($"{entryField}.target.key", $"\"{name}\" reads as a path: a key starts with neither '/' nor a digit");
                    }

                    break;
                default:
                    throw Errors.InvalidArgument($"{entryField}.target", "path or key required");
            }

            if (!names.Add(name))
            {
                throw Errors.InvalidArgument($"{entryField}.target", $"\"{name}\" is written twice");
            }

            string content = entry.ContentCase switch
            {
                V1.WriteCompositeEntry.ContentOneofCase.Value => "value",
                V1.WriteCompositeEntry.ContentOneofCase.Node => "node",
                _ => throw Errors.InvalidArgument($"{entryField}.value", "required: give a value or a node"),
            };

            // The RpcService names an entry "nodes.<path or key>" for a bad key and a bad value alike.
            _fields.Add(($"nodes.{name}: unknown key", $"{entryField}.target.key: unknown key"));
            _fields.Add(($"nodes.{name}", $"{entryField}.{content}"));
            writer.WritePropertyName(name);
            if (entry.ContentCase == V1.WriteCompositeEntry.ContentOneofCase.Value)
            {
                Value(writer, entry.Value, $"{entryField}.value");
            }
            else
            {
                Node(writer, entry.Node, path, $"{entryField}.node");
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes <c>attributes</c> (Write-Attributes); a name to unset is written as null.</summary>
    public void Attributes(Utf8JsonWriter writer, V1.NotificationAttributes? attributes, string field)
    {
        if (attributes is null)
        {
            throw Errors.InvalidArgument(field, "required");
        }

        Map("attributes", field);
        var set = new List<string>();
        writer.WriteStartObject("attributes");
        if (attributes.HasPmin)
        {
            writer.WriteNumber("pmin", attributes.Pmin);
            set.Add("pmin");
        }

        if (attributes.HasPmax)
        {
            writer.WriteNumber("pmax", attributes.Pmax);
            set.Add("pmax");
        }

        if (attributes.HasGt)
        {
            writer.WriteNumber("gt", Finite(attributes.Gt, $"{field}.gt"));
            set.Add("gt");
        }

        if (attributes.HasLt)
        {
            writer.WriteNumber("lt", Finite(attributes.Lt, $"{field}.lt"));
            set.Add("lt");
        }

        if (attributes.HasSt)
        {
            writer.WriteNumber("st", Finite(attributes.St, $"{field}.st"));
            set.Add("st");
        }

        if (attributes.HasEpmin)
        {
            writer.WriteNumber("epmin", attributes.Epmin);
            set.Add("epmin");
        }

        if (attributes.HasEpmax)
        {
            writer.WriteNumber("epmax", attributes.Epmax);
            set.Add("epmax");
        }

        var unset = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < attributes.Unset.Count; i++)
        {
            string name = attributes.Unset[i].Trim().ToLowerInvariant();
            if (!AttributeNames.Contains(name))
            {
                throw Errors.InvalidArgument($"{field}.unset[{i}]", $"unknown attribute \"{attributes.Unset[i]}\" ({string.Join(", ", AttributeNames)})");
            }

            if (set.Contains(name))
            {
                throw Errors.InvalidArgument($"{field}.unset[{i}]", $"\"{name}\" is also given a value");
            }

            if (unset.Add(name))
            {
                writer.WriteNull(name);
            }
        }

        if (set.Count == 0 && unset.Count == 0)
        {
            throw Errors.InvalidArgument(field, "set or unset at least one attribute");
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes <c>value</c>: the Execute arguments, when there are any.</summary>
    public static void Arguments(Utf8JsonWriter writer, string arguments)
    {
        if (arguments.Length > 0)
        {
            writer.WriteString("value", arguments);
        }
    }

    private void Map(string paramsField, string protoField) => _fields.Add((paramsField, protoField));

    private static Lwm2mPath ParsePath(string text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Errors.InvalidArgument(field, "required, e.g. \"/3/0/9\"");
        }

        // As the RpcService reads it: the leading slash may be left out.
        string normalized = text.StartsWith('/') ? text : "/" + text;
        return Lwm2mPath.TryParse(normalized, out Lwm2mPath path, out string? error)
            ? path
            : throw Errors.InvalidArgument(field, $"invalid path \"{text}\" ({error})");
    }

    private static string RequiredKey(string key, string field) =>
        string.IsNullOrWhiteSpace(key) ? throw Errors.InvalidArgument(field, "required, e.g. \"batteryLevel\"") : key;

    private static double Finite(double value, string field) =>
        double.IsFinite(value) ? value : throw Errors.InvalidArgument(field, "must be a finite number");

    private static void Value(Utf8JsonWriter writer, V1.Value? value, string field)
    {
        switch (value?.KindCase ?? V1.Value.KindOneofCase.None)
        {
            case V1.Value.KindOneofCase.Integer:
                writer.WriteNumberValue(value!.Integer);
                break;
            case V1.Value.KindOneofCase.UnsignedInteger:
                writer.WriteNumberValue(value!.UnsignedInteger);
                break;
            case V1.Value.KindOneofCase.Float:
                // JSON has no NaN or infinity; the converter parses their invariant names.
                if (double.IsFinite(value!.Float))
                {
                    writer.WriteNumberValue(value.Float);
                }
                else
                {
                    writer.WriteStringValue(value.Float.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case V1.Value.KindOneofCase.Boolean:
                writer.WriteBooleanValue(value!.Boolean);
                break;
            case V1.Value.KindOneofCase.String:
                writer.WriteStringValue(value!.String);
                break;
            case V1.Value.KindOneofCase.Opaque:
                // Even-length hex is read as hex, before base64.
                writer.WriteStringValue(Convert.ToHexString(value!.Opaque.Span));
                break;
            case V1.Value.KindOneofCase.Time:
                writer.WriteNumberValue(value!.Time.Seconds);
                break;
            case V1.Value.KindOneofCase.Objlnk:
                V1.ObjectLink link = value!.Objlnk;
                if (link.ObjectId > ushort.MaxValue)
                {
                    throw Errors.InvalidArgument($"{field}.objlnk.object_id", $"{link.ObjectId} is above 65535");
                }

                if (link.InstanceId > ushort.MaxValue)
                {
                    throw Errors.InvalidArgument($"{field}.objlnk.instance_id", $"{link.InstanceId} is above 65535");
                }

                writer.WriteStringValue(new ObjectLink((ushort)link.ObjectId, (ushort)link.InstanceId).ToString());
                break;
            case V1.Value.KindOneofCase.Corelnk:
                writer.WriteStringValue(value!.Corelnk);
                break;
            default:
                throw Errors.InvalidArgument(field, $"required: {ValueKinds}");
        }
    }

    private static void Node(Utf8JsonWriter writer, V1.Node? node, Lwm2mPath? path, string field)
    {
        switch (node?.KindCase ?? V1.Node.KindOneofCase.None)
        {
            case V1.Node.KindOneofCase.SingleResource:
                Fits(path, 3, node!.SingleResource.Id, $"{field}.single_resource");
                Value(writer, node.SingleResource.Value, $"{field}.single_resource.value");
                break;
            case V1.Node.KindOneofCase.MultipleResource:
                Fits(path, 3, node!.MultipleResource.Id, $"{field}.multiple_resource");
                Instances(writer, node.MultipleResource.Instances, $"{field}.multiple_resource.instances");
                break;
            case V1.Node.KindOneofCase.ObjectInstance:
                Fits(path, 2, node!.ObjectInstance.Id, $"{field}.object_instance");
                Instance(writer, node.ObjectInstance.Resources, $"{field}.object_instance.resources");
                break;
            case V1.Node.KindOneofCase.ResourceInstance:
                Fits(path, 4, node!.ResourceInstance.Id, $"{field}.resource_instance");
                Value(writer, node.ResourceInstance.Value, $"{field}.resource_instance.value");
                break;
            case V1.Node.KindOneofCase.Object:
                throw Errors.InvalidArgument($"{field}.object", "an object is not written: write its instances");
            default:
                throw Errors.InvalidArgument(field, $"required: {NodeKinds}");
        }
    }

    // A node written at a path must be what the path names, with the path's last id.
    private static void Fits(Lwm2mPath? path, int depth, int id, string field)
    {
        if (path is not { } p)
        {
            return;
        }

        if (p.Depth != depth)
        {
            string expected = p.Depth switch
            {
                2 => "object_instance",
                3 => "single_resource or multiple_resource",
                4 => "resource_instance",
                _ => "nothing: write to an object instance, a resource or a resource instance",
            };
            throw Errors.InvalidArgument(field, $"does not fit target {p}: expected {expected}");
        }

        int last = depth switch { 2 => p.InstanceId, 3 => p.ResourceId, _ => p.ResourceInstanceId };
        if (id != last)
        {
            throw Errors.InvalidArgument($"{field}.id", $"{id} is not the id of target {p} ({last})");
        }
    }

    // An object instance as {"resourceId": value or {"instanceId": value}}.
    private static void Instance(Utf8JsonWriter writer, RepeatedField<V1.Resource> resources, string field)
    {
        var ids = new HashSet<int>();
        writer.WriteStartObject();
        for (int i = 0; i < resources.Count; i++)
        {
            V1.Resource resource = resources[i];
            string item = $"{field}[{i}]";
            switch (resource.KindCase)
            {
                case V1.Resource.KindOneofCase.Single:
                    writer.WritePropertyName(Id(resource.Single.Id, ids, $"{item}.single.id"));
                    Value(writer, resource.Single.Value, $"{item}.single.value");
                    break;
                case V1.Resource.KindOneofCase.Multiple:
                    writer.WritePropertyName(Id(resource.Multiple.Id, ids, $"{item}.multiple.id"));
                    Instances(writer, resource.Multiple.Instances, $"{item}.multiple.instances");
                    break;
                default:
                    throw Errors.InvalidArgument(item, "required: set single or multiple");
            }
        }

        writer.WriteEndObject();
    }

    // A multiple resource as {"instanceId": value}.
    private static void Instances(Utf8JsonWriter writer, RepeatedField<V1.ResourceInstance> instances, string field)
    {
        var ids = new HashSet<int>();
        writer.WriteStartObject();
        for (int i = 0; i < instances.Count; i++)
        {
            writer.WritePropertyName(Id(instances[i].Id, ids, $"{field}[{i}].id"));
            Value(writer, instances[i].Value, $"{field}[{i}].value");
        }

        writer.WriteEndObject();
    }

    private static string Id(int id, HashSet<int> seen, string field)
    {
        if (id is < 0 or > ushort.MaxValue)
        {
            throw Errors.InvalidArgument(field, $"{id} is not an id (0 to 65535)");
        }

        return seen.Add(id)
            ? id.ToString(CultureInfo.InvariantCulture)
            : throw Errors.InvalidArgument(field, $"{id} is given twice");
    }
}
