using System.Buffers;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Benchmarks;

/// <summary>
/// What the codec benchmarks read and write: the Device object instance /3/0 with 20 resources (the
/// Core §7.4.3.2 example plus Timezone, Device Type, versions, Battery Status, Memory Total and
/// ExtDevInfo), and a model of object 3 enough for a codec to type the values.
/// </summary>
internal static class DeviceInstanceFixture
{
    public static readonly Lwm2mPath Path = Lwm2mPath.Instance(3, 0);

    public static readonly IObjectModelProvider Models = new DeviceModel();

    public static Lwm2mObjectInstance Create() => new(0,
    [
        new Lwm2mSingleResource(0, Lwm2mValue.FromString("Open Mobile Alliance")),
        new Lwm2mSingleResource(1, Lwm2mValue.FromString("Lightweight M2M Client")),
        new Lwm2mSingleResource(2, Lwm2mValue.FromString("345000123")),
        new Lwm2mSingleResource(3, Lwm2mValue.FromString("1.0")),
        Integers(6, 1, 5),
        Integers(7, 3800, 5000),
        Integers(8, 125, 900),
        new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(100)),
        new Lwm2mSingleResource(10, Lwm2mValue.FromInteger(15)),
        Integers(11, 0),
        new Lwm2mSingleResource(13, Lwm2mValue.FromUnixTime(1367491215)),
        new Lwm2mSingleResource(14, Lwm2mValue.FromString("+02:00")),
        new Lwm2mSingleResource(15, Lwm2mValue.FromString("Europe/Berlin")),
        new Lwm2mSingleResource(16, Lwm2mValue.FromString("U")),
        new Lwm2mSingleResource(17, Lwm2mValue.FromString("smart meter")),
        new Lwm2mSingleResource(18, Lwm2mValue.FromString("1.0.2")),
        new Lwm2mSingleResource(19, Lwm2mValue.FromString("2.4.1")),
        new Lwm2mSingleResource(20, Lwm2mValue.FromInteger(1)),
        new Lwm2mSingleResource(21, Lwm2mValue.FromInteger(64)),
        new Lwm2mMultipleResource(22, ResourceType.Objlnk, [new Lwm2mResourceInstance(0, Lwm2mValue.FromObjectLink(new ObjectLink(3303, 0)))]),
    ]);

    /// <summary>The payload <paramref name="codec"/> writes for <paramref name="device"/> (through <paramref name="output"/>).</summary>
    public static byte[] Encode(ILwm2mNodeCodec codec, Lwm2mObjectInstance device, ArrayBufferWriter<byte> output)
    {
        if (!codec.TryEncode(Path, device, Models, output, out string? error))
        {
            throw new InvalidOperationException(error);
        }

        return output.WrittenSpan.ToArray();
    }

    private static Lwm2mMultipleResource Integers(int id, params long[] values) =>
        new(id, ResourceType.Integer, values.Select((v, i) => new Lwm2mResourceInstance(i, Lwm2mValue.FromInteger(v))));

    /// <summary>The Device object (3) model, enough for the codec to type the values.</summary>
    private sealed class DeviceModel : IObjectModelProvider
    {
        private static readonly ObjectModel Device = new()
        {
            Id = 3,
            Name = "Device",
            Resources = new (int Id, ResourceType Type, bool Multiple)[]
            {
                (0, ResourceType.String, false), (1, ResourceType.String, false), (2, ResourceType.String, false),
                (3, ResourceType.String, false), (4, ResourceType.None, false), (5, ResourceType.None, false),
                (6, ResourceType.Integer, true), (7, ResourceType.Integer, true), (8, ResourceType.Integer, true),
                (9, ResourceType.Integer, false), (10, ResourceType.Integer, false), (11, ResourceType.Integer, true),
                (12, ResourceType.None, false), (13, ResourceType.Time, false), (14, ResourceType.String, false),
                (15, ResourceType.String, false), (16, ResourceType.String, false), (17, ResourceType.String, false),
                (18, ResourceType.String, false), (19, ResourceType.String, false), (20, ResourceType.Integer, false),
                (21, ResourceType.Integer, false), (22, ResourceType.Objlnk, true),
            }.ToDictionary(r => r.Id, r => new ResourceModel { Id = r.Id, Name = $"r{r.Id}", Type = r.Type, Multiple = r.Multiple }),
        };

        public ObjectModel? GetObjectModel(int objectId) => objectId == 3 ? Device : null;
    }
}
