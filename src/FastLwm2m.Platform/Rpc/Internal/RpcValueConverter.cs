using System.Globalization;
using System.Text.Json;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Rpc.Internal;

/// <summary>
/// Turns the JSON values of the guide's write params into typed nodes, by the resource models:
/// strings, numbers and booleans as the type asks; opaque as hex ("00ad456756"), else base64;
/// an object of id → value for an object instance or a multiple resource.
/// </summary>
internal static class RpcValueConverter
{
    /// <summary>The node to write at <paramref name="path"/> (an object instance, resource or resource instance).</summary>
    public static Lwm2mNode ToNode(Lwm2mPath path, JsonElement value, IObjectModelProvider models, string field)
    {
        var objectModel = models.GetObjectModel(path.ObjectId)
            ?? throw new RpcParamsException($"{field}: no model for object {path.ObjectId}");
        switch (path.Depth)
        {
            case 2:
                return ToInstance(objectModel, path.InstanceId, value, field);
            case 3:
                return ToResource(objectModel, Resource(objectModel, path.ResourceId, field), value, field);
            case 4:
                var model = Resource(objectModel, path.ResourceId, field);
                return new Lwm2mResourceInstance(path.ResourceInstanceId, ToValue(model.Type, value, field));
            default:
                throw new RpcParamsException($"{field}: a value is written to an object instance, a resource or a resource instance, not {path}");
        }
    }

    public static Lwm2mObjectInstance ToInstance(ObjectModel objectModel, int instanceId, JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RpcParamsException($"{field}: an object instance is written as {{\"resourceId\": value, ...}}");
        }

        var resources = new List<Lwm2mResource>();
        foreach (var property in value.EnumerateObject())
        {
            int id = ParseId(property.Name, $"{field}.{property.Name}");
            resources.Add(ToResource(objectModel, Resource(objectModel, id, $"{field}.{property.Name}"), property.Value, $"{field}.{property.Name}"));
        }

        return new Lwm2mObjectInstance(instanceId, resources);
    }

    private static Lwm2mResource ToResource(ObjectModel objectModel, ResourceModel model, JsonElement value, string field)
    {
        if (!model.Multiple)
        {
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                throw new RpcParamsException($"{field}: resource /{objectModel.Id}/x/{model.Id} ({model.Name}) takes a single value");
            }

            return new Lwm2mSingleResource(model.Id, ToValue(model.Type, value, field));
        }

        var instances = new List<Lwm2mResourceInstance>();
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    int id = ParseId(property.Name, $"{field}.{property.Name}");
                    instances.Add(new Lwm2mResourceInstance(id, ToValue(model.Type, property.Value, $"{field}.{property.Name}")));
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    instances.Add(new Lwm2mResourceInstance(index, ToValue(model.Type, item, $"{field}[{index}]")));
                    index++;
                }

                break;
            default:
                // The guide writes one value to a multiple resource ({"id":"/19/0/0","value":"0081"});
                // like the reference platform we make it resource instance 0.
                instances.Add(new Lwm2mResourceInstance(0, ToValue(model.Type, value, field)));
                break;
        }

        return new Lwm2mMultipleResource(model.Id, model.Type, instances);
    }

    public static Lwm2mValue ToValue(ResourceType type, JsonElement value, string field)
    {
        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        if (text is null)
        {
            throw new RpcParamsException($"{field}: expected a {Lwm2mNodeRenderer.TypeName(type)} value, got {value.ValueKind}");
        }

        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ResourceType.String:
                return Lwm2mValue.FromString(text);
            case ResourceType.Corelnk:
                return Lwm2mValue.FromCoreLink(text);
            case ResourceType.Integer when long.TryParse(text, NumberStyles.Integer, inv, out long l):
                return Lwm2mValue.FromInteger(l);
            case ResourceType.UnsignedInteger when ulong.TryParse(text, NumberStyles.None, inv, out ulong u):
                return Lwm2mValue.FromUnsignedInteger(u);
            case ResourceType.Float when double.TryParse(text, NumberStyles.Float, inv, out double d):
                return Lwm2mValue.FromFloat(d);
            case ResourceType.Boolean when text is "true" or "1":
                return Lwm2mValue.FromBoolean(true);
            case ResourceType.Boolean when text is "false" or "0":
                return Lwm2mValue.FromBoolean(false);
            case ResourceType.Time when long.TryParse(text, NumberStyles.Integer, inv, out long seconds):
                return Lwm2mValue.FromUnixTime(seconds);
            case ResourceType.Time when DateTimeOffset.TryParse(text, inv, DateTimeStyles.AssumeUniversal, out var time):
                return Lwm2mValue.FromTime(time);
            case ResourceType.Objlnk when ObjectLink.TryParse(text, out var link):
                return Lwm2mValue.FromObjectLink(link);
            case ResourceType.Opaque when TryOpaque(text, out byte[]? bytes):
                return Lwm2mValue.FromOpaque(bytes!);
            default:
                throw new RpcParamsException($"{field}: \"{text}\" is not a valid {Lwm2mNodeRenderer.TypeName(type)} value");
        }
    }

    private static bool TryOpaque(string text, out byte[]? bytes)
    {
        bytes = null;
        if (text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit))
        {
            bytes = Convert.FromHexString(text);
            return true;
        }

        Span<byte> buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out int written))
        {
            bytes = buffer[..written].ToArray();
            return true;
        }

        return false;
    }

    private static ResourceModel Resource(ObjectModel objectModel, int id, string field) =>
        objectModel.GetResource(id) ?? throw new RpcParamsException($"{field}: object {objectModel.Id} has no resource {id}");

    private static int ParseId(string text, string field) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id) && id <= 65535
            ? id
            : throw new RpcParamsException($"{field}: \"{text}\" is not a resource or instance id");
}
