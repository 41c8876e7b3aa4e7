using System.Collections.Immutable;
using CsCheck;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>Generators of values and nodes consistent with <see cref="ValueCodecModels"/>'s test object 9000.</summary>
internal static class ValueCodecGen
{
    private static readonly Gen<char> NonSurrogate = Gen.OneOf<char>(Gen.Char['\u0000', '\uD7FF'], Gen.Char['\uE000', '\uFFFF']);

    /// <summary>Well-formed UTF-16 (no lone surrogates): ASCII, any BMP character, and pairs.</summary>
    public static readonly Gen<string> Text = Gen.Frequency<string>(
        (4, Gen.Char[' ', '~'].Array[0, 24].Select(c => new string(c))),
        (2, NonSurrogate.Array[0, 8].Select(c => new string(c))),
        (1, Gen.Int[0x10000, 0x10FFFF].Array[1, 4].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)))),
        (1, Gen.Const("")));

    /// <summary>Doubles: any, the special ones, floats widened (which TLV writes in 4 bytes), integers, NaNs with payloads.</summary>
    public static readonly Gen<double> Double = Gen.Frequency<double>(
        (4, Gen.Double),
        (1, Gen.Double.Special),
        (2, Gen.Single.Select(f => (double)f)),
        (1, Gen.Long[-1000, 1000].Select(l => (double)l)),
        (1, Gen.Long[1, 0xF_FFFF_FFFF_FFFF].Select(payload => BitConverter.Int64BitsToDouble(unchecked((long)0xFFF0_0000_0000_0000) | payload)))); // NaNs with payloads

    /// <summary>Instance and resource instance ids: mostly small, some needing 16 bits.</summary>
    public static readonly Gen<int> InstanceId = Gen.Frequency<int>((3, Gen.Int[0, 10]), (1, Gen.Int[0, 65534]));

    public static Gen<Lwm2mValue> Value(ResourceType type) => type switch
    {
        ResourceType.String => Text.Select(Lwm2mValue.FromString),
        ResourceType.Corelnk => Text.Select(Lwm2mValue.FromCoreLink),
        ResourceType.Integer => Gen.Long.Select(Lwm2mValue.FromInteger),
        ResourceType.Time => Gen.Long.Select(Lwm2mValue.FromUnixTime),
        ResourceType.UnsignedInteger => Gen.ULong.Select(Lwm2mValue.FromUnsignedInteger),
        ResourceType.Float => Double.Select(Lwm2mValue.FromFloat),
        ResourceType.Boolean => Gen.Bool.Select(Lwm2mValue.FromBoolean),
        ResourceType.Opaque => Gen.Byte.Array[0, 40].Select(Lwm2mValue.FromOpaque),
        ResourceType.Objlnk => Gen.Select(Gen.UShort, Gen.UShort, (o, i) => Lwm2mValue.FromObjectLink(new ObjectLink(o, i))),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>A value of any type with the test object's single resource id of that type.</summary>
    public static readonly Gen<(int ResourceId, Lwm2mValue Value)> AnySingleValue =
        Gen.Int[0, ValueCodecModels.ValueTypes.Length - 1].SelectMany(i => Value(ValueCodecModels.ValueTypes[i]).Select(v => (i, v)));

    public static Gen<Lwm2mResource> Resource(ResourceModel model) => model.Multiple
        ? InstanceId.ArrayUnique[0, 4].SelectMany(ids => Value(model.Type).Array[ids.Length].Select(values =>
            (Lwm2mResource)new Lwm2mMultipleResource(model.Id, model.Type, ids.Select((id, k) => new Lwm2mResourceInstance(id, values[k])))))
        : Value(model.Type).Select(v => (Lwm2mResource)new Lwm2mSingleResource(model.Id, v));

    /// <summary>An instance of the test object with a random subset of its resources.</summary>
    public static Gen<Lwm2mObjectInstance> Instance(int id)
    {
        var models = ValueCodecModels.Instance.GetObjectModel(ValueCodecModels.TestObjectId)!.Resources.Values
            .Where(r => r.Type != ResourceType.None).OrderBy(r => r.Id).ToArray();
        return Gen.Bool.Array[models.Length].SelectMany(present =>
            Sequence(models.Where((_, k) => present[k]).Select(Resource).ToArray())
                .Select(resources => new Lwm2mObjectInstance(id, resources)));
    }

    public static readonly Gen<Lwm2mObject> Object = InstanceId.ArrayUnique[0, 3].SelectMany(ids =>
        Sequence(ids.Select(Instance).ToArray()).Select(instances => new Lwm2mObject(ValueCodecModels.TestObjectId, instances)));

    private static Gen<T[]> Sequence<T>(Gen<T>[] gens) =>
        gens.Aggregate(Gen.Const(ImmutableList<T>.Empty), (acc, gen) => acc.SelectMany(list => gen.Select(list.Add)))
            .Select(list => list.ToArray());
}
