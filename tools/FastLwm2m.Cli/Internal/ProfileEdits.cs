using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Cli.Internal;

/// <summary>The edits of <c>profiles set</c>, applied to a profile's transport configuration JSON.</summary>
internal static class ProfileEdits
{
    /// <summary>An object reference, "3_1.2" or "/3_1.2"; the version is optional when the object is already in the profile.</summary>
    internal readonly record struct ObjectRef(int ObjectId, string? Version);

    /// <summary>A resource reference "/3_1.2/0/9" with an optional "=key".</summary>
    internal readonly record struct ResourceRef(ObjectRef Object, int InstanceId, int ResourceId, string? Key);

    public static ObjectRef ParseObject(string option, string text)
    {
        string body = text.StartsWith('/') ? text[1..] : text;
        if (!TryParseObject(body, out ObjectRef result))
        {
            throw new UsageException($"{option}: expected an object as OBJECT_VERSION, e.g. 3_1.2, got \"{text}\"");
        }

        return result;
    }

    public static ResourceRef ParseResource(string option, string text, bool allowKey)
    {
        string path = text;
        string? key = null;
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            if (!allowKey)
            {
                throw new UsageException($"{option}: takes a path without \"=key\", got \"{text}\"");
            }

            path = text[..equals];
            key = text[(equals + 1)..].Trim();
            if (key.Length == 0)
            {
                throw new UsageException($"{option}: empty key after \"=\" in \"{text}\"");
            }
        }

        string[] parts = path.Split('/');
        if (parts.Length != 4 || parts[0].Length != 0
            || !TryParseObject(parts[1], out ObjectRef obj)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int instance) || instance > 65534
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int resource) || resource > 65535)
        {
            throw new UsageException($"{option}: expected a resource path /OBJECT_VERSION/INSTANCE/RESOURCE{(allowKey ? "[=key]" : "")}, e.g. /3_1.2/0/9, got \"{text}\"");
        }

        return new ResourceRef(obj, instance, resource, key);
    }

    public static string ParseStrategy(string text) => text.ToLowerInvariant() switch
    {
        "single" => "single",
        "composite-all" or "compositeall" => "compositeAll",
        "composite-by-object" or "compositebyobject" => "compositeByObject",
        _ => throw new UsageException($"--strategy: expected single, composite-all or composite-by-object, got \"{text}\""),
    };

    private static bool TryParseObject(string text, out ObjectRef result)
    {
        result = default;
        int underscore = text.IndexOf('_', StringComparison.Ordinal);
        string idText = underscore < 0 ? text : text[..underscore];
        if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id > 65535)
        {
            return false;
        }

        string? version = null;
        if (underscore >= 0)
        {
            if (!ObjectVersion.TryParse(text.AsSpan(underscore + 1), out ObjectVersion parsed))
            {
                return false;
            }

            version = parsed.ToString();
        }

        result = new ObjectRef(id, version);
        return true;
    }

    public static JsonObject ParseConfiguration(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new JsonObject();
        }

        return JsonNode.Parse(json) as JsonObject ?? throw new JsonException("the profile JSON is not an object");
    }

    public static void AddObject(JsonObject root, ObjectRef obj)
    {
        if (obj.Version is null)
        {
            throw new UsageException($"--add-object: give the version, e.g. {obj.ObjectId}_1.0");
        }

        if (FindObject(root, obj, "--add-object") is null)
        {
            Objects(root).Add(new JsonObject
            {
                ["objectId"] = obj.ObjectId,
                ["version"] = obj.Version,
                ["resources"] = new JsonArray(),
            });
        }
    }

    public static void Unmap(JsonObject root, ResourceRef r)
    {
        string path = PathText(r);
        JsonObject obj = FindObject(root, r.Object, "--unmap") ?? throw new UsageException($"--unmap: {path} is not mapped (no such object in the profile)");
        JsonArray resources = Resources(obj);
        JsonNode? found = FindResource(resources, r);
        if (found is null)
        {
            throw new UsageException($"--unmap: {path} is not mapped");
        }

        resources.Remove(found);
    }

    /// <summary>Sets <paramref name="flag"/> ("attribute", "telemetry") on the resource, mapping it if needed.</summary>
    public static void Mark(JsonObject root, ResourceRef r, string flag, string option)
    {
        JsonObject resource = FindOrAddResource(root, r, option, out _);
        resource[flag] = true;
        if (r.Key is not null)
        {
            resource["key"] = r.Key;
        }
    }

    /// <summary>Marks observe on a mapped resource, or maps it as telemetry + observe.</summary>
    public static void Observe(JsonObject root, ResourceRef r)
    {
        JsonObject resource = FindOrAddResource(root, r, "--observe", out bool added);
        if (added)
        {
            resource["telemetry"] = true;
        }

        resource["observe"] = true;
    }

    private static JsonObject FindOrAddResource(JsonObject root, ResourceRef r, string option, out bool added)
    {
        JsonObject? obj = FindObject(root, r.Object, option);
        if (obj is null)
        {
            if (r.Object.Version is null)
            {
                throw new UsageException($"{option}: object {r.Object.ObjectId} is not in the profile; give its version, e.g. /{r.Object.ObjectId}_1.0/...");
            }

            obj = new JsonObject { ["objectId"] = r.Object.ObjectId, ["version"] = r.Object.Version, ["resources"] = new JsonArray() };
            Objects(root).Add(obj);
        }

        JsonArray resources = Resources(obj);
        if (FindResource(resources, r) is JsonObject existing)
        {
            added = false;
            return existing;
        }

        var resource = new JsonObject { ["instanceId"] = r.InstanceId, ["resourceId"] = r.ResourceId };
        resources.Add(resource);
        added = true;
        return resource;
    }

    private static JsonArray Objects(JsonObject root)
    {
        if (root["objects"] is JsonArray array)
        {
            return array;
        }

        array = new JsonArray();
        root["objects"] = array;
        return array;
    }

    private static JsonArray Resources(JsonObject obj)
    {
        if (obj["resources"] is JsonArray array)
        {
            return array;
        }

        array = new JsonArray();
        obj["resources"] = array;
        return array;
    }

    private static JsonObject? FindObject(JsonObject root, ObjectRef r, string option)
    {
        var matches = new List<JsonObject>();
        foreach (JsonNode? node in Objects(root))
        {
            if (node is JsonObject obj && Int(obj["objectId"]) == r.ObjectId
                && (r.Version is null || VersionText(obj["version"]) == r.Version))
            {
                matches.Add(obj);
            }
        }

        if (matches.Count > 1)
        {
            throw new UsageException($"{option}: object {r.ObjectId} is in the profile in more than one version; give the version, e.g. /{r.ObjectId}_{VersionText(matches[0]["version"])}");
        }

        return matches.Count == 1 ? matches[0] : null;
    }

    private static JsonNode? FindResource(JsonArray resources, ResourceRef r)
    {
        foreach (JsonNode? node in resources)
        {
            if (node is JsonObject res && (Int(res["instanceId"]) ?? 0) == r.InstanceId && Int(res["resourceId"]) == r.ResourceId)
            {
                return res;
            }
        }

        return null;
    }

    private static int? Int(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out int i) ? i : null;

    private static string? VersionText(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue(out string? text))
        {
            return ObjectVersion.TryParse(text, out ObjectVersion v) ? v.ToString() : text;
        }

        return null;
    }

    private static string PathText(ResourceRef r) =>
        $"/{r.Object.ObjectId}{(r.Object.Version is null ? "" : "_" + r.Object.Version)}/{r.InstanceId}/{r.ResourceId}";
}
