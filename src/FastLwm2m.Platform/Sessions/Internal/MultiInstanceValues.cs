using System.Text.Encodings.Web;
using System.Text.Json;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Sessions.Internal;

/// <summary>
/// The last known instances of a session's mapped multiple resources, so that one key carries the
/// whole resource: its value is the JSON object of instance id → value (<c>{"0":1,"1":5}</c>, as
/// the reference platform shows a multi-instance resource), stored as a string. A Read or
/// notification of the whole resource replaces the instances; one of a single resource instance
/// (<c>/3/0/7/1</c>) changes that instance and keeps the others. Thread-safe (one short lock).
/// </summary>
internal sealed class MultiInstanceValues
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _sync = new();
    private readonly Dictionary<Lwm2mPath, SortedDictionary<int, Lwm2mValue>> _byResource = [];

    /// <summary>Replaces the instances of <paramref name="resource"/>; returns the key's value.</summary>
    public Lwm2mValue Replace(Lwm2mPath resource, IReadOnlyDictionary<int, Lwm2mResourceInstance> instances)
    {
        var values = new SortedDictionary<int, Lwm2mValue>();
        foreach ((int id, Lwm2mResourceInstance instance) in instances)
        {
            values[id] = instance.Value;
        }

        lock (_sync)
        {
            _byResource[resource.WithoutVersion] = values;
            return Render(values);
        }
    }

    /// <summary>Sets one instance (<paramref name="resourceInstance"/> has depth 4); returns the key's value with the instances known so far.</summary>
    public Lwm2mValue Merge(Lwm2mPath resourceInstance, Lwm2mValue value)
    {
        Lwm2mPath resource = resourceInstance.Parent.WithoutVersion;
        lock (_sync)
        {
            if (!_byResource.TryGetValue(resource, out var values))
            {
                _byResource[resource] = values = [];
            }

            values[resourceInstance.ResourceInstanceId] = value;
            return Render(values);
        }
    }

    /// <summary>The JSON object of a multiple resource's instances, e.g. <c>{"0":1,"1":5}</c>.</summary>
    public static Lwm2mValue Render(IEnumerable<KeyValuePair<int, Lwm2mValue>> instances)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach ((int id, Lwm2mValue value) in instances)
            {
                writer.WritePropertyName(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                switch (value.ToJsonValue())
                {
                    case long l:
                        writer.WriteNumberValue(l);
                        break;
                    case ulong u:
                        writer.WriteNumberValue(u);
                        break;
                    case double d when double.IsFinite(d):
                        writer.WriteNumberValue(d);
                        break;
                    case bool b:
                        writer.WriteBooleanValue(b);
                        break;
                    case object other:
                        writer.WriteStringValue(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Lwm2mValue.FromString(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
