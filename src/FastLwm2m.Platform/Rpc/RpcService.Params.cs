using System.Globalization;
using System.Text.Json;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Rpc.Internal;

namespace FastLwm2m.Platform.Rpc;

/// <summary>Reading the guide's params: <c>id</c> or <c>key</c>, <c>ids</c> or <c>keys</c>, <c>value</c>, <c>nodes</c>, <c>attributes</c>.</summary>
public sealed partial class RpcService
{
    private sealed class Params(JsonElement? root, Registration registration, IRpcKeyResolver? keys)
    {
        public JsonElement? Optional(string name) =>
            root is { } r && r.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        public JsonElement Required(string name) =>
            Optional(name) ?? throw new RpcParamsException($"params: missing \"{name}\"");

        /// <summary>The target of <c>id</c> ("/3/0/9", "/3_1.2/0/9", "5/0/2") or <c>key</c>.</summary>
        public Lwm2mPath Path()
        {
            if (Optional("id") is { } id)
            {
                return ParsePath(String(id, "id"), "id");
            }

            if (Optional("key") is { } key)
            {
                return Resolve(String(key, "key"), "key");
            }

            throw new RpcParamsException("params: missing \"id\" (e.g. \"/3/0/9\") or \"key\"");
        }

        /// <summary>The targets of <c>ids</c> or <c>keys</c>.</summary>
        public IReadOnlyList<Lwm2mPath> Paths()
        {
            if (Optional("ids") is { } ids)
            {
                return Array(ids, "ids").Select((e, i) => ParsePath(String(e, $"ids[{i}]"), $"ids[{i}]")).ToList();
            }

            if (Optional("keys") is { } list)
            {
                return Array(list, "keys").Select((e, i) => Resolve(String(e, $"keys[{i}]"), $"keys[{i}]")).ToList();
            }

            throw new RpcParamsException("params: missing \"ids\" (e.g. [\"/3/0/9\", \"/1_1.2\"]) or \"keys\"");
        }

        /// <summary>A WriteComposite node name: a path, or else a key.</summary>
        public Lwm2mPath PathOrKey(string text, string field) =>
            text.Length > 0 && (text[0] == '/' || char.IsAsciiDigit(text[0])) ? ParsePath(text, field) : Resolve(text, field);

        private Lwm2mPath Resolve(string key, string field)
        {
            if (keys is null || !keys.TryResolve(registration, key, out var path))
            {
                throw new RpcParamsException($"{field}: unknown key \"{key}\"");
            }

            return path;
        }

        private static Lwm2mPath ParsePath(string text, string field)
        {
            // The guide also writes paths without the leading slash ({"id":"5/0/2"}).
            string normalized = text.StartsWith('/') ? text : "/" + text;
            return Lwm2mPath.TryParse(normalized, out var path, out string? error)
                ? path
                : throw new RpcParamsException($"{field}: invalid path \"{text}\" ({error})");
        }

        private static string String(JsonElement element, string field) =>
            element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new RpcParamsException($"{field}: expected a string");

        private static IEnumerable<JsonElement> Array(JsonElement element, string field) =>
            element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : throw new RpcParamsException($"{field}: expected an array");

        /// <summary>Write-Attributes' <c>attributes</c>: pmin, pmax, gt, lt, st, epmin, epmax (Core §5.1.2); null unsets one.</summary>
        public static NotificationAttributes ToAttributes(JsonElement attributes)
        {
            if (attributes.ValueKind != JsonValueKind.Object)
            {
                throw new RpcParamsException("attributes: expected {\"pmin\": 10, \"pmax\": 120, ...}");
            }

            var result = new NotificationAttributes();
            var unset = new List<string>();
            foreach (var property in attributes.EnumerateObject())
            {
                string field = $"attributes.{property.Name}";
                string name = property.Name.ToLowerInvariant();
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    unset.Add(name);
                    continue;
                }

                result = name switch
                {
                    "pmin" => result with { Pmin = UInt(property.Value, field) },
                    "pmax" => result with { Pmax = UInt(property.Value, field) },
                    "epmin" => result with { Epmin = UInt(property.Value, field) },
                    "epmax" => result with { Epmax = UInt(property.Value, field) },
                    "gt" => result with { GreaterThan = Double(property.Value, field) },
                    "lt" => result with { LessThan = Double(property.Value, field) },
                    "st" => result with { Step = Double(property.Value, field) },
                    _ => throw new RpcParamsException($"{field}: unknown attribute (pmin, pmax, gt, lt, st, epmin, epmax)"),
                };
            }

            if (unset.Count > 0)
            {
                if (unset.FirstOrDefault(u => u is not ("pmin" or "pmax" or "epmin" or "epmax" or "gt" or "lt" or "st")) is { } bad)
                {
                    throw new RpcParamsException($"attributes.{bad}: unknown attribute (pmin, pmax, gt, lt, st, epmin, epmax)");
                }

                result = result with { Unset = unset };
            }

            return result;
        }

        private static uint UInt(JsonElement value, string field) =>
            (value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out uint n))
            || (value.ValueKind == JsonValueKind.String && uint.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n))
                ? n
                : throw new RpcParamsException($"{field}: expected a non-negative integer (seconds)");

        private static double Double(JsonElement value, string field) =>
            (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d))
            || (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d))
                ? d
                : throw new RpcParamsException($"{field}: expected a number");
    }
}
