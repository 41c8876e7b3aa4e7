using System.Buffers;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.SenmlTestGenerators;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>
/// LwM2M CBOR (Core 1.2 §7.4.7). The spec's own examples were not at hand: the vectors are built
/// from the format's rules (nested maps keyed by ids, keys that are arrays of ids collapse levels)
/// and are the shapes other implementations (Anjay's LwM2M CBOR tests) exchange, e.g.
/// <c>{[13, 26, 1]: 42}</c>, <c>{13: {26: {1: 42}}}</c>, <c>{[13, 26]: {1: 42, 2: 21}}</c>.
/// </summary>
public class Lwm2mCborCodecTests
{
    private readonly Lwm2mCborCodec _codec = new();

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static readonly Lwm2mSingleResource FortyTwo = new(1, Lwm2mValue.FromInteger(42));

    [Fact]
    public void ContentFormat_Is11544() => Assert.Equal(11544, _codec.ContentFormat);

    [Theory]
    [InlineData("a1830d181a01182a")] // {[13, 26, 1]: 42}
    [InlineData("a10da1181aa101182a")] // {13: {26: {1: 42}}}
    [InlineData("a1810da181181aa18101182a")] // {[13]: {[26]: {[1]: 42}}}
    [InlineData("bf9f0d181a01ff182aff")] // {_ [_ 13, 26, 1]: 42}
    [InlineData("bf9f0dffbf9f181affbf9f01ff182affffff")] // {_ [_ 13]: {_ [_ 26]: {_ [_ 1]: 42}}}
    [InlineData("a1820d181aa101182a")] // {[13, 26]: {1: 42}}
    public void TryDecode_AnyNestingOrCollapsing_GivesTheSameResource(string hex)
    {
        var node = Decode(_codec, Hex(hex), Lwm2mPath.Resource(13, 26, 1), SenmlTestModels.None);
        Assert.Equal(FortyTwo, node);
    }

    [Theory]
    [InlineData("a1820d181aa201182a0215")] // {[13, 26]: {1: 42, 2: 21}}
    [InlineData("a2830d181a01182a830d181a0215")] // {[13, 26, 1]: 42, [13, 26, 2]: 21}
    [InlineData("a2820d181aa101182a830d181a0215")] // {[13, 26]: {1: 42}, [13, 26, 2]: 21}
    [InlineData("a2830d181a01182a820d181aa1810215")] // {[13, 26, 1]: 42, [13, 26]: {[2]: 21}}
    public void TryDecode_TwoResourcesSplitAnyWay_GiveTheInstance(string hex)
    {
        var node = Decode(_codec, Hex(hex), Lwm2mPath.Instance(13, 26), SenmlTestModels.None);
        Assert.Equal(new Lwm2mObjectInstance(26, [FortyTwo, new Lwm2mSingleResource(2, Lwm2mValue.FromInteger(21))]), node);
    }

    /// <summary>{3: {0: {9: 87}}}: Write /3/0/9 = 87, plainly nested.</summary>
    [Fact]
    public void TryEncode_Resource_NestsFromTheRoot()
    {
        Assert.Equal("a103a100a1091857", Convert.ToHexStringLower(Encode(_codec, Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(87)))));
    }

    /// <summary>{3: {0: {9: 100, 11: {0: 0}}}}: a multiple resource is a map of its instances.</summary>
    [Fact]
    public void TryEncode_Instance_WritesMultipleResourcesAsMaps()
    {
        var instance = new Lwm2mObjectInstance(0,
        [
            new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(100)),
            new Lwm2mMultipleResource(11, ResourceType.Integer, [new Lwm2mResourceInstance(0, Lwm2mValue.FromInteger(0))]),
        ]);
        const string hex = "a103a100a20918640ba10000";
        Assert.Equal(hex, Convert.ToHexStringLower(Encode(_codec, Lwm2mPath.Instance(3, 0), instance)));
        Assert.Equal(instance, Decode(_codec, Hex(hex), Lwm2mPath.Instance(3, 0)));
    }

    [Fact]
    public void DeviceInstance_RoundTrips()
    {
        var device = SenmlJsonCodecTests.DeviceInstance();
        Assert.Equal(device, Decode(_codec, Encode(_codec, Lwm2mPath.Instance(3, 0), device), Lwm2mPath.Instance(3, 0)));
    }

    /// <summary>Value types: text for String and Objlnk ("66:1"), byte string for Opaque, booleans, floats.</summary>
    [Fact]
    public void Values_UseTheirCborTypes()
    {
        var link = new Lwm2mSingleResource(2, Lwm2mValue.FromObjectLink(new ObjectLink(66, 1)));
        // {66: {0: {2: "66:1"}}}
        Assert.Equal("a11842a100a1026436363a31", Convert.ToHexStringLower(Encode(_codec, Lwm2mPath.Resource(66, 0, 2), link)));
        Assert.Equal(link, Decode(_codec, Hex("a11842a100a1026436363a31"), Lwm2mPath.Resource(66, 0, 2)));

        // {[9100, 0, 5]: h'0102'}
        Assert.Equal(new Lwm2mSingleResource(5, Lwm2mValue.FromOpaque([1, 2])),
            Decode(_codec, Hex("a18319238c0005420102"), Lwm2mPath.Resource(SenmlTestModels.AllTypesObjectId, 0, 5)));

        // {[3303, 0, 5700]: 4([-1, 45])}: a decimal fraction
        Assert.Equal(new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(4.5)),
            Decode(_codec, Hex("a183190ce700191644c48220182d"), Lwm2mPath.Resource(3303, 0, 5700)));

        // {3303: {0: {5700: 22.5}}}: a half-precision float
        Assert.Equal("a1190ce7a100a1191644f94da0",
            Convert.ToHexStringLower(Encode(_codec, Lwm2mPath.Resource(3303, 0, 5700), new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(22.5)))));
    }

    /// <summary>An empty map keeps an empty instance and an empty multiple resource.</summary>
    [Fact]
    public void EmptyContainers_RoundTrip()
    {
        var obj = new Lwm2mObject(3, [new Lwm2mObjectInstance(0, [new Lwm2mMultipleResource(11, ResourceType.Integer, [])]), new Lwm2mObjectInstance(1, [])]);
        var bytes = Encode(_codec, Lwm2mPath.Object(3), obj);
        Assert.Equal("a103a200a10ba001a0", Convert.ToHexStringLower(bytes)); // {3: {0: {11: {}}, 1: {}}}
        Assert.Equal(obj, Decode(_codec, bytes, Lwm2mPath.Object(3)));
    }

    /// <summary>A Read-Composite request: null leaves, sorted and nested: {1: {0: {1: null}}, 3: {0: {9: null}}}.</summary>
    [Fact]
    public void Paths_AreNullLeaves()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodePaths([Lwm2mPath.Resource(3, 0, 9), Lwm2mPath.Resource(1, 0, 1)], output, out string? error), error);
        Assert.Equal("a201a100a101f603a100a109f6", Convert.ToHexStringLower(output.WrittenSpan));

        Assert.True(_codec.TryDecodePaths(output.WrittenSpan, out var paths, out error), error);
        Assert.Equal([Lwm2mPath.Resource(1, 0, 1), Lwm2mPath.Resource(3, 0, 9)], paths);

        // Collapsed keys decode the same: {[3, 0, 9]: null, [1, 0]: null}
        Assert.True(_codec.TryDecodePaths(Hex("a283030009f6820100f6"), out paths, out error), error);
        Assert.Equal([Lwm2mPath.Resource(3, 0, 9), Lwm2mPath.Instance(1, 0)], paths);
    }

    [Fact]
    public void TryEncodePaths_OverlappingPaths_IsAnError()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(_codec.TryEncodePaths([Lwm2mPath.Instance(3, 0), Lwm2mPath.Resource(3, 0, 9)], output, out string? error));
        Assert.Contains("/3/0/9 is inside /3/0", error);
        Assert.False(_codec.TryEncodePaths([Lwm2mPath.Instance(3, 0), Lwm2mPath.Instance(3, 0)], output, out error));
        Assert.Contains("appears twice", error);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void TryEncodePaths_Root_IsAnEmptyArrayKey()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodePaths([Lwm2mPath.Root], output, out string? error), error);
        Assert.Equal("a180f6", Convert.ToHexStringLower(output.WrittenSpan));
        Assert.True(_codec.TryDecodePaths(output.WrittenSpan, out var paths, out error), error);
        Assert.Equal([Lwm2mPath.Root], paths);
    }

    /// <summary>Write-Composite: values and a delete (null) in one map.</summary>
    [Fact]
    public void WriteComposite_RoundTrips()
    {
        List<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes =
        [
            new(Lwm2mPath.Instance(1, 0), null),
            new(Lwm2mPath.ResourceInstance(3, 0, 7, 1), new Lwm2mResourceInstance(1, Lwm2mValue.FromInteger(4000))),
            new(Lwm2mPath.Resource(3, 0, 14), new Lwm2mSingleResource(14, Lwm2mValue.FromString("+01:00"))),
        ];
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodeNodes(nodes, SenmlTestModels.Instance, output, out string? error), error);
        // {1: {0: null}, 3: {0: {7: {1: 4000}, 14: "+01:00"}}}
        Assert.Equal("a201a100f603a100a207a101190fa00e662b30313a3030", Convert.ToHexStringLower(output.WrittenSpan));
        Assert.True(_codec.TryDecodeNodes(output.WrittenSpan, SenmlTestModels.Instance, out var decoded, out error), error);
        Assert.Equal(nodes, decoded!);
    }

    [Fact]
    public void Timestamps_AreNotCarried()
    {
        var output = new ArrayBufferWriter<byte>();
        var node = new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(87));
        Assert.False(_codec.TryEncodeTimestampedNodes([new TimestampedNode(DateTimeOffset.UnixEpoch, Lwm2mPath.Resource(3, 0, 9), node)],
            SenmlTestModels.Instance, output, out string? error));
        Assert.Contains("no timestamps", error);

        Assert.True(_codec.TryEncodeTimestampedNodes([new TimestampedNode(null, Lwm2mPath.Resource(3, 0, 9), node)], SenmlTestModels.Instance, output, out error), error);
        Assert.True(_codec.TryDecodeTimestampedNodes(output.WrittenSpan, SenmlTestModels.Instance, out var nodes, out error), error);
        Assert.Equal([new TimestampedNode(null, Lwm2mPath.Resource(3, 0, 9), node)], nodes!);
    }

    [Theory]
    [InlineData("", "LwM2M CBOR content is a map")]
    [InlineData("80", "LwM2M CBOR content is a map")]
    [InlineData("a182030005", "/3/0: only a resource or a resource instance has a value")] // {[3, 0]: 5}
    [InlineData("a1616105", "a key is an id or an array of ids")] // {"a": 5}
    [InlineData("a1850300090005", "deeper than a resource instance")] // {[3, 0, 9, 0, 0]: 5}
    [InlineData("a18403000900a0", "a resource instance holds a value, not a map")] // {[3, 0, 9, 0]: {}}
    [InlineData("a1820319ffffa0", "id out of range")] // {[3, 65535]: {}}
    [InlineData("a1831a00010000000905", "out of range")] // {[65536, 0, 9]: 5}
    [InlineData("a183030009d82a01", "unsupported CBOR tag 42")]
    [InlineData("a18303000980", "a value, not StartArray")]
    [InlineData("a1830300096131", "cannot take a string")] // /3/0/9 = "1"
    [InlineData("a183030009f93e00", "needs an integral number")] // /3/0/9 = 1.5
    [InlineData("a1830300090500", "data after the LwM2M CBOR map")]
    [InlineData("a183030009", "malformed CBOR")]
    [InlineData("a283030009058303000906", "/3/0/9 appears twice")]
    [InlineData("a183030009f6", "/3/0/9 has no value")]
    [InlineData("a180a180a180a180a180a180a180a180a180a0", "nest deeper")] // {[]: {[]: … {}}}
    public void TryDecode_BadPayload_SaysWhy(string hex, string expected)
    {
        string error = DecodeError(_codec, Hex(hex), Lwm2mPath.Instance(3, 0));
        Assert.Contains(expected, error);
    }
}
