using System.Text.Json;
using System.Text.Json.Serialization;
using FastLwm2m.Platform.Profiles.Internal;

namespace FastLwm2m.Platform.Profiles;

/// <summary>
/// The JSON form of a profile's transport configuration, as stores keep it: camelCase names, enums
/// as camelCase strings, versions as "1.2", paths as "/3_1.2/0/9" (also as the keys of
/// <c>notificationAttributes</c>), unset values left out.
/// </summary>
public static class DeviceProfileJson
{
    /// <summary>The serializer options (thread-safe, shared).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The JSON text of <paramref name="configuration"/>.</summary>
    public static string Serialize(Lwm2mTransportConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return JsonSerializer.Serialize(configuration, Options);
    }

    /// <summary>Reads a configuration written by <see cref="Serialize"/>.</summary>
    /// <exception cref="JsonException">The text is not such a configuration.</exception>
    public static Lwm2mTransportConfiguration Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<Lwm2mTransportConfiguration>(json, Options)
            ?? throw new JsonException("null transport configuration");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters =
            {
                new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
                new Lwm2mPathJsonConverter(),
                new ObjectVersionJsonConverter(),
            },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
