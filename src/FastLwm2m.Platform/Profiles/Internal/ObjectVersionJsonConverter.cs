using System.Text.Json;
using System.Text.Json.Serialization;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Profiles.Internal;

/// <summary>An <see cref="ObjectVersion"/> as "major.minor".</summary>
internal sealed class ObjectVersionJsonConverter : JsonConverter<ObjectVersion>
{
    public override ObjectVersion Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.GetString();
        return ObjectVersion.TryParse(text, out ObjectVersion version) ? version : throw new JsonException($"invalid object version \"{text}\"");
    }

    public override void Write(Utf8JsonWriter writer, ObjectVersion value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString());
}
