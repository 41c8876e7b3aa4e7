using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastLwm2m.Cli.Internal;

/// <summary>Converts a YAML profile file to the profile JSON: plain integers, booleans and nulls keep their type, other scalars are strings.</summary>
internal static class YamlJson
{
    public static bool IsYamlPath(string path)
    {
        string ext = Path.GetExtension(path);
        return ext.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || ext.Equals(".yml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The JSON text of the single YAML document in <paramref name="yaml"/>.</summary>
    /// <exception cref="UsageException">The text is not YAML, or has more than one document.</exception>
    public static string ToJson(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new UsageException($"{source}: not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count == 0)
        {
            return "";
        }

        if (stream.Documents.Count > 1)
        {
            throw new UsageException($"{source}: expected one YAML document, found {stream.Documents.Count}");
        }

        JsonNode? node = Convert(stream.Documents[0].RootNode, null);
        return node?.ToJsonString() ?? "";
    }

    private static JsonNode? Convert(YamlNode node, string? key)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (k, v) in mapping.Children)
                {
                    string name = k is YamlScalarNode s ? s.Value ?? "" : throw new UsageException($"YAML line {k.Start.Line}: mapping keys must be scalars");
                    obj[name] = Convert(v, name);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (YamlNode item in sequence.Children)
                {
                    array.Add(Convert(item, null));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar, key);
            default:
                throw new UsageException($"YAML line {node.Start.Line}: unsupported node (aliases are not supported)");
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar, string? key)
    {
        string text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        // Object versions ("1.2") are strings in the profile JSON, even unquoted in YAML.
        if (string.Equals(key, "version", StringComparison.Ordinal))
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double real)
            && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }
}
