using System.Buffers;
using System.Collections.Immutable;
using CsCheck;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>
/// Generators for the composite codec property tests: values of every type, and nodes at every
/// level consistent with <see cref="SenmlTestModels"/>'s object 9100. <c>json</c> keeps floats finite
/// (JSON has no NaN); <c>nonEmpty</c> keeps nested containers non-empty (SenML and LwM2M JSON have no
/// record for an empty instance inside an object, so it cannot round-trip).
/// </summary>
internal static class SenmlTestGenerators
{
    public const int ObjectId = SenmlTestModels.AllTypesObjectId;

    private static readonly Gen<char> NonSurrogate = Gen.OneOf<char>(Gen.Char['\u0000', '\uD7FF'], Gen.Char['\uE000', '\uFFFF']);

    /// <summary>Well-formed UTF-16: ASCII, any BMP character, supplementary pairs, empty.</summary>
    public static readonly Gen<string> Text = Gen.Frequency<string>(
        (4, Gen.Char[' ', '~'].Array[0, 20].Select(c => new string(c))),
        (2, NonSurrogate.Array[0, 8].Select(c => new string(c))),
        (1, Gen.Int[0x10000, 0x10FFFF].Array[1, 3].Select(cps => string.Concat(cps.Select(char.ConvertFromUtf32)))),
        (1, Gen.Const("")));

    /// <summary>
    /// Doubles: any bit pattern, the special ones, floats widened, quarters. NaN is the canonical quiet
    /// NaN (0x7FF8…), the only one CBOR writers keep (RFC 8949 §4.2.2).
    /// </summary>
    public static readonly Gen<double> AnyDouble = Gen.Frequency<double>(
        (4, Gen.Double),
        (1, Gen.Double.Special),
        (2, Gen.Single.Select(f => (double)f)),
        (2, Gen.Long[-100_000, 100_000].Select(l => l / 4.0)))
        .Select(d => double.IsNaN(d) ? BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000) : d);

    public static readonly Gen<double> FiniteDouble = AnyDouble.Where(double.IsFinite);

    /// <summary>Ids: mostly small, some needing 16 bits.</summary>
    public static readonly Gen<int> Id = Gen.Frequency<int>((4, Gen.Int[0, 12]), (1, Gen.Int[0, 65534]));

    public static Gen<Lwm2mValue> Value(ResourceType type, bool json) => type switch
    {
        ResourceType.String => Text.Select(Lwm2mValue.FromString),
        ResourceType.Corelnk => Text.Select(Lwm2mValue.FromCoreLink),
        ResourceType.Integer => Gen.Frequency<long>((3, Gen.Long), (1, Gen.Long[-1000, 1000])).Select(Lwm2mValue.FromInteger),
        ResourceType.Time => Gen.Long.Select(Lwm2mValue.FromUnixTime),
        ResourceType.UnsignedInteger => Gen.ULong.Select(Lwm2mValue.FromUnsignedInteger),
        ResourceType.Float => (json ? FiniteDouble : AnyDouble).Select(Lwm2mValue.FromFloat),
        ResourceType.Boolean => Gen.Bool.Select(Lwm2mValue.FromBoolean),
        ResourceType.Opaque => Gen.Byte.Array[0, 40].Select(Lwm2mValue.FromOpaque),
        ResourceType.Objlnk => Gen.Select(Gen.UShort, Gen.UShort, (o, i) => Lwm2mValue.FromObjectLink(new ObjectLink(o, i))),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static ResourceModel[] Resources => [.. SenmlTestModels.Instance.AllTypesResources];

    public static Gen<Lwm2mResource> Resource(ResourceModel model, bool json, bool nonEmpty) => model.Multiple
        ? Id.ArrayUnique[nonEmpty ? 1 : 0, 4].SelectMany(ids => Value(model.Type, json).Array[ids.Length].Select(values =>
            (Lwm2mResource)new Lwm2mMultipleResource(model.Id, model.Type, ids.Select((id, k) => new Lwm2mResourceInstance(id, values[k])))))
        : Value(model.Type, json).Select(v => (Lwm2mResource)new Lwm2mSingleResource(model.Id, v));

    public static Gen<Lwm2mObjectInstance> Instance(int id, bool json, bool nonEmpty)
    {
        var models = Resources;
        return Gen.Bool.Array[models.Length].Where(present => !nonEmpty || present.Any(p => p)).SelectMany(present =>
            Sequence(models.Where((_, k) => present[k]).Select(m => Resource(m, json, nonEmpty)).ToArray())
                .Select(resources => new Lwm2mObjectInstance(id, resources)));
    }

    public static Gen<Lwm2mObject> Object(bool json, bool nonEmpty) => Id.ArrayUnique[0, 3].SelectMany(ids =>
        Sequence(ids.Select(id => Instance(id, json, nonEmpty)).ToArray()).Select(instances => new Lwm2mObject(ObjectId, instances)));

    /// <summary>A node and its path, at any level: object, instance, single or multiple resource, resource instance.</summary>
    public static Gen<(Lwm2mPath Path, Lwm2mNode Node)> PathAndNode(bool json, bool nonEmpty)
    {
        var models = Resources;
        var multiples = models.Where(m => m.Multiple).ToArray();
        return Gen.Frequency<(Lwm2mPath, Lwm2mNode)>(
            (1, Object(json, nonEmpty).Select(o => (Lwm2mPath.Object(ObjectId), (Lwm2mNode)o))),
            (2, Id.SelectMany(i => Instance(i, json, nonEmpty).Select(n => (Lwm2mPath.Instance(ObjectId, i), (Lwm2mNode)n)))),
            (2, Gen.Int[0, models.Length - 1].SelectMany(k => Resource(models[k], json, nonEmpty: false)
                .Select(r => (Lwm2mPath.Resource(ObjectId, 0, r.Id), (Lwm2mNode)r)))),
            (1, Gen.Select(Gen.Int[0, multiples.Length - 1], Id).SelectMany((k, ri) => Value(multiples[k].Type, json)
                .Select(v => (Lwm2mPath.ResourceInstance(ObjectId, 0, multiples[k].Id, ri), (Lwm2mNode)new Lwm2mResourceInstance(ri, v))))));
    }

    /// <summary>A value-level node (single resource or resource instance) at a random instance, as Write-Composite and Send carry.</summary>
    public static Gen<(Lwm2mPath Path, Lwm2mNode Node)> LeafNode(bool json)
    {
        var models = Resources;
        var singles = models.Where(m => !m.Multiple).ToArray();
        var multiples = models.Where(m => m.Multiple).ToArray();
        return Gen.OneOf(
            Gen.Select(Id, Gen.Int[0, singles.Length - 1]).SelectMany((i, k) => Value(singles[k].Type, json)
                .Select(v => (Lwm2mPath.Resource(ObjectId, i, singles[k].Id), (Lwm2mNode)new Lwm2mSingleResource(singles[k].Id, v)))),
            Gen.Select(Id, Gen.Int[0, multiples.Length - 1], Id).SelectMany((i, k, ri) => Value(multiples[k].Type, json)
                .Select(v => (Lwm2mPath.ResourceInstance(ObjectId, i, multiples[k].Id, ri), (Lwm2mNode)new Lwm2mResourceInstance(ri, v)))));
    }

    /// <summary>Any path, root to resource instance.</summary>
    public static readonly Gen<Lwm2mPath> AnyPath = Gen.Frequency<Lwm2mPath>(
        (1, Gen.Const(Lwm2mPath.Root)),
        (2, Gen.Int[0, 65535].Select(o => Lwm2mPath.Object(o))),
        (3, Gen.Select(Gen.Int[0, 65535], Id).Select((o, i) => Lwm2mPath.Instance(o, i))),
        (4, Gen.Select(Gen.Int[0, 65535], Id, Gen.Int[0, 65535]).Select((o, i, r) => Lwm2mPath.Resource(o, i, r))),
        (2, Gen.Select(Gen.Int[0, 65535], Id, Gen.Int[0, 65535], Id).Select((o, i, r, ri) => Lwm2mPath.ResourceInstance(o, i, r, ri))));

    /// <summary>Timestamps SenML and LwM2M JSON write exactly: none, whole seconds, or milliseconds, from 2^28 s on.</summary>
    public static readonly Gen<DateTimeOffset?> Timestamp = Gen.Frequency<DateTimeOffset?>(
        (1, Gen.Const((DateTimeOffset?)null)),
        (2, Gen.Long[268_435_456, 4_102_444_800].Select(s => (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(s))),
        (1, Gen.Long[268_435_456_000, 4_102_444_800_000].Select(ms => (DateTimeOffset?)DateTimeOffset.FromUnixTimeMilliseconds(ms))));

    public static byte[] Encode(ILwm2mNodeCodec codec, Lwm2mPath path, Lwm2mNode node)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(codec.TryEncode(path, node, SenmlTestModels.Instance, output, out string? error), error);
        return output.WrittenSpan.ToArray();
    }

    public static Lwm2mNode Decode(ILwm2mNodeCodec codec, byte[] payload, Lwm2mPath path, IObjectModelProvider? models = null)
    {
        Assert.True(codec.TryDecode(payload, path, models ?? SenmlTestModels.Instance, out var node, out string? error), error);
        Assert.NotNull(node);
        return node;
    }

    /// <summary>The error a decode gives; fails when it succeeds.</summary>
    public static string DecodeError(ILwm2mNodeCodec codec, byte[] payload, Lwm2mPath path, IObjectModelProvider? models = null)
    {
        Assert.False(codec.TryDecode(payload, path, models ?? SenmlTestModels.Instance, out var node, out string? error), $"decoded {node}");
        Assert.Null(node);
        Assert.False(string.IsNullOrEmpty(error));
        return error;
    }

    public static Gen<T[]> Sequence<T>(Gen<T>[] gens) =>
        gens.Aggregate(Gen.Const(ImmutableList<T>.Empty), (acc, gen) => acc.SelectMany(list => gen.Select(list.Add)))
            .Select(list => list.ToArray());
}
