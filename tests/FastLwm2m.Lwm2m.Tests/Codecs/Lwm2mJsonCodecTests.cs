using System.Buffers;
using System.Text;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.SenmlTestGenerators;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

public class Lwm2mJsonCodecTests
{
    /// <summary>Read /3/0 of the example client in LwM2M JSON (LwM2M 1.0 §6.4.4, the Device data of §6.4.3.1).</summary>
    internal const string DeviceExample =
        "{\"bn\":\"/3/0/\",\"e\":["
        + "{\"n\":\"0\",\"sv\":\"Open Mobile Alliance\"},"
        + "{\"n\":\"1\",\"sv\":\"Lightweight M2M Client\"},"
        + "{\"n\":\"2\",\"sv\":\"345000123\"},"
        + "{\"n\":\"3\",\"sv\":\"1.0\"},"
        + "{\"n\":\"6/0\",\"v\":1},{\"n\":\"6/1\",\"v\":5},"
        + "{\"n\":\"7/0\",\"v\":3800},{\"n\":\"7/1\",\"v\":5000},"
        + "{\"n\":\"8/0\",\"v\":125},{\"n\":\"8/1\",\"v\":900},"
        + "{\"n\":\"9\",\"v\":100},"
        + "{\"n\":\"10\",\"v\":15},"
        + "{\"n\":\"11/0\",\"v\":0},"
        + "{\"n\":\"13\",\"v\":1367491215},"
        + "{\"n\":\"14\",\"sv\":\"+02:00\"},"
        + "{\"n\":\"16\",\"sv\":\"U\"}]}";

    private readonly ManualTimeProvider _clock = new();
    private readonly Lwm2mJsonCodec _codec;

    public Lwm2mJsonCodecTests() => _codec = new Lwm2mJsonCodec(_clock);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void ContentFormat_Is11543() => Assert.Equal(11543, _codec.ContentFormat);

    [Fact]
    public void DeviceExample_DecodesAndEncodesByteForByte()
    {
        Assert.Equal(SenmlJsonCodecTests.DeviceInstance(), Decode(_codec, Utf8(DeviceExample), Lwm2mPath.Instance(3, 0)));
        Assert.Equal(DeviceExample, Text(Encode(_codec, Lwm2mPath.Instance(3, 0), SenmlJsonCodecTests.DeviceInstance())));
    }

    /// <summary>The same content with the names split otherwise: bn "/" , no bn, bn without its leading '/'.</summary>
    [Theory]
    [InlineData("{\"bn\":\"/\",\"e\":[{\"n\":\"3/0/9\",\"v\":100}]}")]
    [InlineData("{\"e\":[{\"n\":\"/3/0/9\",\"v\":100}]}")]
    [InlineData("{\"bn\":\"3/0/\",\"e\":[{\"n\":\"9\",\"v\":100}]}")]
    [InlineData("{\"bn\":\"/3/0/9\",\"e\":[{\"v\":100}]}")]
    [InlineData("{\"e\":[{\"v\":100}],\"bn\":\"/3/0/9\"}")]
    public void TryDecode_AnySplitOfTheName_GivesTheResource(string json)
    {
        Assert.Equal(new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(100)), Decode(_codec, Utf8(json), Lwm2mPath.Resource(3, 0, 9)));
    }

    /// <summary>The Objlnk example (objects 65 and 66 of LwM2M 1.0 §6.4.3.2) in JSON: ov carries "66:0".</summary>
    [Fact]
    public void ObjectLinks_UseOv()
    {
        const string json = "{\"bn\":\"/65/0/\",\"e\":[{\"n\":\"0/0\",\"ov\":\"66:0\"},{\"n\":\"0/1\",\"ov\":\"66:1\"},"
            + "{\"n\":\"1\",\"sv\":\"8613800755500\"},{\"n\":\"2\",\"v\":305419896}]}";
        var instance = (Lwm2mObjectInstance)Decode(_codec, Utf8(json), Lwm2mPath.Instance(65, 0));
        var links = (Lwm2mMultipleResource)instance.Resources[0];
        Assert.Equal(Lwm2mValue.FromObjectLink(new ObjectLink(66, 1)), links.Instances[1].Value);
        Assert.Equal(json, Text(Encode(_codec, Lwm2mPath.Instance(65, 0), instance)));
    }

    /// <summary>Opaque is standard base64 in sv (LwM2M 1.0 §6.4.4), booleans in bv.</summary>
    [Fact]
    public void OpaqueAndBoolean_UseSvBase64AndBv()
    {
        var instance = new Lwm2mObjectInstance(0,
        [
            new Lwm2mSingleResource(4, Lwm2mValue.FromBoolean(true)),
            new Lwm2mSingleResource(5, Lwm2mValue.FromOpaque([0xFB, 0xFF, 0x01])),
        ]);
        const string json = "{\"bn\":\"/9100/0/\",\"e\":[{\"n\":\"4\",\"bv\":true},{\"n\":\"5\",\"sv\":\"+/8B\"}]}";
        Assert.Equal(json, Text(Encode(_codec, Lwm2mPath.Instance(SenmlTestModels.AllTypesObjectId, 0), instance)));
        Assert.Equal(instance, Decode(_codec, Utf8(json), Lwm2mPath.Instance(SenmlTestModels.AllTypesObjectId, 0)));
    }

    /// <summary>
    /// A notification with history (LwM2M 1.0 §6.4.4; constructed from its rules): bt plus each t,
    /// one node per time in the order the times appear. "bt" after "e" is accepted.
    /// </summary>
    [Fact]
    public void TryDecodeTimestamped_GroupsEntriesByTime()
    {
        const string json = "{\"bn\":\"/3303/0/\",\"e\":[{\"n\":\"5700\",\"v\":22.4,\"t\":-5},{\"n\":\"5701\",\"sv\":\"Cel\",\"t\":-5},"
            + "{\"n\":\"5700\",\"v\":22.9,\"t\":-30}],\"bt\":1672531200}";
        Assert.True(_codec.TryDecodeTimestamped(Utf8(json), Lwm2mPath.Instance(3303, 0), SenmlTestModels.Instance, out var nodes, out string? error), error);
        var bt = DateTimeOffset.FromUnixTimeSeconds(1672531200);
        Assert.Equal(
        [
            new TimestampedNode(bt.AddSeconds(-5), Lwm2mPath.Instance(3303, 0), new Lwm2mObjectInstance(0,
                [new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(22.4)), new Lwm2mSingleResource(5701, Lwm2mValue.FromString("Cel"))])),
            new TimestampedNode(bt.AddSeconds(-30), Lwm2mPath.Instance(3303, 0), new Lwm2mObjectInstance(0,
                [new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(22.9))])),
        ], nodes!);
    }

    /// <summary>Without a base time, a negative t is relative to now (the SenML draft LwM2M 1.0 follows).</summary>
    [Fact]
    public void TryDecodeTimestamped_NegativeTimeWithoutBase_IsRelativeToNow()
    {
        const string json = "{\"bn\":\"/3303/0/5700\",\"e\":[{\"v\":22.4,\"t\":-5},{\"v\":22.5}]}";
        Assert.True(_codec.TryDecodeTimestamped(Utf8(json), Lwm2mPath.Resource(3303, 0, 5700), SenmlTestModels.Instance, out var nodes, out string? error), error);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(-5), nodes![0].Timestamp);
        Assert.Null(nodes[1].Timestamp);
    }

    [Fact]
    public void TryEncodeTimestamped_WritesAbsoluteT()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1672531200);
        var path = Lwm2mPath.Resource(3303, 0, 5700);
        TimestampedNode[] nodes =
        [
            new(t, path, new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(22.4))),
            new(t.AddSeconds(-30), path, new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(22.9))),
        ];
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodeTimestamped(nodes, SenmlTestModels.Instance, output, out string? error), error);
        Assert.Equal("{\"bn\":\"/3303/0/5700\",\"e\":[{\"v\":22.4,\"t\":1672531200},{\"v\":22.9,\"t\":1672531170}]}", Text(output.WrittenSpan));
        Assert.True(_codec.TryDecodeTimestamped(output.WrittenSpan, path, SenmlTestModels.Instance, out var decoded, out error), error);
        Assert.Equal(nodes, decoded!);
    }

    [Fact]
    public void TryEncodeTimestamped_TwoPaths_IsAnError()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(_codec.TryEncodeTimestamped(
        [
            new(null, Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(1))),
            new(null, Lwm2mPath.Resource(3, 0, 10), new Lwm2mSingleResource(10, Lwm2mValue.FromInteger(1))),
        ], SenmlTestModels.Instance, output, out string? error));
        Assert.Contains("one path", error);
    }

    [Fact]
    public void TryDecode_EmptyEntries_GiveAnEmptyInstance()
    {
        Assert.Equal(new Lwm2mObjectInstance(0, []), Decode(_codec, Utf8("{\"e\":[]}"), Lwm2mPath.Instance(3, 0)));
    }

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("{}", "needs an \"e\" array")]
    [InlineData("[]", "LwM2M JSON content is an object")]
    [InlineData("{\"e\":{}}", "e must be an array")]
    [InlineData("{\"e\":[],\"e\":[]}", "e appears twice")]
    [InlineData("{\"bn\":1,\"e\":[]}", "bn must be a string")]
    [InlineData("{\"bt\":\"x\",\"e\":[]}", "bt must be a number")]
    [InlineData("{\"e\":[1]}", "an entry is a JSON object")]
    [InlineData("{\"e\":[{\"n\":\"/3/0/9\",\"v\":1.5}]}", "Integer resource 9 (Battery Level) needs an integral number")]
    [InlineData("{\"e\":[{\"n\":\"/3/0/9\",\"sv\":\"1\"}]}", "cannot take a string")]
    [InlineData("{\"e\":[{\"n\":\"/3/0/9\",\"v\":1,\"bv\":true}]}", "at most one value")]
    [InlineData("{\"e\":[{\"n\":\"/3/0/22/0\",\"ov\":\"x\"}]}", "ov must be an object link")]
    [InlineData("{\"e\":[{\"n\":\"/3/0/9\",\"v\":1}]} 1", "malformed JSON")]
    [InlineData("{\"e\":[{\"n\":\"/3/0/9\",\"v\":1}", "malformed JSON")]
    [InlineData("{\"e\":[{\"v\":1}]}", "no name")]
    public void TryDecode_BadPayload_SaysWhy(string json, string expected)
    {
        Assert.Contains(expected, DecodeError(_codec, Utf8(json), Lwm2mPath.Instance(3, 0)));
    }
}
