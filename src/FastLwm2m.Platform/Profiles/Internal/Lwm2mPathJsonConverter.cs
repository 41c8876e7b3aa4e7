using System.Text.Json;
using System.Text.Json.Serialization;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Profiles.Internal;

/// <summary>An <see cref="Lwm2mPath"/> as its text ("/3_1.2/0/9"), as a value and as a property name.</summary>
internal sealed class Lwm2mPathJsonConverter : JsonConverter<Lwm2mPath>
{
    public override Lwm2mPath Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, Lwm2mPath value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString());

    public override Lwm2mPath ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Lwm2mPath value, JsonSerializerOptions options)
        => writer.WritePropertyName(value.ToString());

    private static Lwm2mPath Parse(string? text)
        => Lwm2mPath.TryParse(text, out Lwm2mPath path, out string? error) ? path : throw new JsonException($"invalid LwM2M path \"{text}\": {error}");
}
