using System.Buffers;
using System.Text;
using FastLwm2m.Lwm2m.Codecs;
using FastLwm2m.Lwm2m.Codecs.Internal;
using static FastLwm2m.Lwm2m.Tests.Codecs.SenmlTestGenerators;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

public class SenmlJsonCodecTests
{
    /// <summary>
    /// Read /3/0 of the example client in SenML JSON (Core 1.1 §7.4.5; the Device data of the TLV
    /// example §7.4.3.1). The encoder writes this text byte for byte.
    /// </summary>
    internal const string DeviceExample =
        "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"Open Mobile Alliance\"},"
        + "{\"n\":\"1\",\"vs\":\"Lightweight M2M Client\"},"
        + "{\"n\":\"2\",\"vs\":\"345000123\"},"
        + "{\"n\":\"3\",\"vs\":\"1.0\"},"
        + "{\"n\":\"6/0\",\"v\":1},{\"n\":\"6/1\",\"v\":5},"
        + "{\"n\":\"7/0\",\"v\":3800},{\"n\":\"7/1\",\"v\":5000},"
        + "{\"n\":\"8/0\",\"v\":125},{\"n\":\"8/1\",\"v\":900},"
        + "{\"n\":\"9\",\"v\":100},"
        + "{\"n\":\"10\",\"v\":15},"
        + "{\"n\":\"11/0\",\"v\":0},"
        + "{\"n\":\"13\",\"v\":1367491215},"
        + "{\"n\":\"14\",\"vs\":\"+02:00\"},"
        + "{\"n\":\"16\",\"vs\":\"U\"}]";

    private readonly SenmlJsonCodec _codec = new(new ManualTimeProvider());

    internal static Lwm2mObjectInstance DeviceInstance() => new(0,
    [
        new Lwm2mSingleResource(0, Lwm2mValue.FromString("Open Mobile Alliance")),
        new Lwm2mSingleResource(1, Lwm2mValue.FromString("Lightweight M2M Client")),
        new Lwm2mSingleResource(2, Lwm2mValue.FromString("345000123")),
        new Lwm2mSingleResource(3, Lwm2mValue.FromString("1.0")),
        Multiple(6, 1, 5),
        Multiple(7, 3800, 5000),
        Multiple(8, 125, 900),
        new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(100)),
        new Lwm2mSingleResource(10, Lwm2mValue.FromInteger(15)),
        Multiple(11, 0),
        new Lwm2mSingleResource(13, Lwm2mValue.FromUnixTime(1367491215)),
        new Lwm2mSingleResource(14, Lwm2mValue.FromString("+02:00")),
        new Lwm2mSingleResource(16, Lwm2mValue.FromString("U")),
    ]);

    private static Lwm2mMultipleResource Multiple(int id, params long[] values) =>
        new(id, ResourceType.Integer, values.Select((v, i) => new Lwm2mResourceInstance(i, Lwm2mValue.FromInteger(v))));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public void ContentFormat_Is110() => Assert.Equal(110, _codec.ContentFormat);

    [Fact]
    public void TryDecode_DeviceExample_GivesTheDeviceInstance()
    {
        var node = Decode(_codec, Utf8(DeviceExample), Lwm2mPath.Instance(3, 0));
        Assert.Equal(DeviceInstance(), node);
    }

    [Fact]
    public void TryEncode_DeviceInstance_WritesTheSpecExample()
    {
        Assert.Equal(DeviceExample, Text(Encode(_codec, Lwm2mPath.Instance(3, 0), DeviceInstance())));
    }

    [Fact]
    public void TryEncode_SingleResource_PutsTheWholePathInTheBaseName()
    {
        var bytes = Encode(_codec, Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(87)));
        Assert.Equal("[{\"bn\":\"/3/0/9\",\"v\":87}]", Text(bytes));
    }

    [Fact]
    public void TryEncode_MultipleResource_NamesInstancesRelativeToIt()
    {
        var bytes = Encode(_codec, Lwm2mPath.Resource(3, 0, 7), Multiple(7, 3800, 5000));
        Assert.Equal("[{\"bn\":\"/3/0/7/\",\"n\":\"0\",\"v\":3800},{\"n\":\"1\",\"v\":5000}]", Text(bytes));
    }

    /// <summary>The object links of Core §7.4.3.2 (object 65 instance 0) in SenML JSON, with <c>vlo</c>.</summary>
    [Fact]
    public void ObjectLinks_RoundTripAsVlo()
    {
        const string json = "[{\"bn\":\"/65/0/\",\"n\":\"0/0\",\"vlo\":\"66:0\"},{\"n\":\"0/1\",\"vlo\":\"66:1\"},"
            + "{\"n\":\"1\",\"vs\":\"8613800755500\"},{\"n\":\"2\",\"v\":305419896}]";
        var instance = new Lwm2mObjectInstance(0,
        [
            new Lwm2mMultipleResource(0, ResourceType.Objlnk,
            [
                new Lwm2mResourceInstance(0, Lwm2mValue.FromObjectLink(new ObjectLink(66, 0))),
                new Lwm2mResourceInstance(1, Lwm2mValue.FromObjectLink(new ObjectLink(66, 1))),
            ]),
            new Lwm2mSingleResource(1, Lwm2mValue.FromString("8613800755500")),
            new Lwm2mSingleResource(2, Lwm2mValue.FromInteger(305419896)),
        ]);

        Assert.Equal(json, Text(Encode(_codec, Lwm2mPath.Instance(65, 0), instance)));
        Assert.Equal(instance, Decode(_codec, Utf8(json), Lwm2mPath.Instance(65, 0)));
    }

    /// <summary>RFC 8428 §4.3: vd is base64url without padding; 0xFB 0xFF shows the URL alphabet.</summary>
    [Fact]
    public void Opaque_IsBase64UrlWithoutPadding()
    {
        var node = new Lwm2mSingleResource(5, Lwm2mValue.FromOpaque([0xFB, 0xFF, 0x01]));
        var path = Lwm2mPath.Resource(SenmlTestModels.AllTypesObjectId, 0, 5);
        Assert.Equal("[{\"bn\":\"/9100/0/5\",\"vd\":\"-_8B\"}]", Text(Encode(_codec, path, node)));

        // Standard alphabet and padding are accepted too.
        Assert.Equal(new Lwm2mSingleResource(5, Lwm2mValue.FromOpaque([1, 2, 3, 4, 5])),
            Decode(_codec, Utf8("[{\"bn\":\"/9100/0/5\",\"vd\":\"AQIDBAU=\"}]"), path));
        Assert.Equal(new Lwm2mSingleResource(5, Lwm2mValue.FromOpaque([1, 2, 3, 4, 5])),
            Decode(_codec, Utf8("[{\"bn\":\"/9100/0/5\",\"vd\":\"AQIDBAU\"}]"), path));
    }

    [Theory]
    [InlineData("[{\"bn\":\"/3/0/\",\"n\":\"9\",\"v\":100}]")]
    [InlineData("[{\"bn\":\"/\",\"n\":\"3/0/9\",\"v\":100}]")]
    [InlineData("[{\"bn\":\"/3/0/9\",\"v\":100}]")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":100}]")]
    [InlineData("[{\"bn\":\"/3\",\"n\":\"/0/9\",\"v\":100}]")]
    [InlineData("[{\"v\":100,\"n\":\"9\",\"bn\":\"/3/0/\"}]")]
    [InlineData("[{\"bn\":\"/3/0/\",\"bver\":10,\"n\":\"9\",\"u\":\"%\",\"v\":100}]")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1e2}]")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":100.0}]")]
    public void TryDecode_AnySplitOfTheNameBetweenBnAndN_GivesTheSameResource(string json)
    {
        var node = Decode(_codec, Utf8(json), Lwm2mPath.Resource(3, 0, 9));
        Assert.Equal(new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(100)), node);
    }

    [Fact]
    public void TryDecode_BaseNameCarriesOverToLaterRecords()
    {
        const string json = "[{\"bn\":\"/3/0/\",\"n\":\"9\",\"v\":100},{\"n\":\"10\",\"v\":15},{\"bn\":\"/3/0/11/\",\"n\":\"0\",\"v\":0}]";
        var node = (Lwm2mObjectInstance)Decode(_codec, Utf8(json), Lwm2mPath.Instance(3, 0));
        Assert.Equal(3, node.Resources.Count);
        Assert.Equal(Multiple(11, 0), node.Resources[11]);
    }

    [Fact]
    public void TryDecode_WithoutModel_TypesValuesByTheirEncoding()
    {
        const string json = "[{\"bn\":\"/4242/0/\",\"n\":\"0\",\"v\":5},{\"n\":\"1\",\"v\":5.5},{\"n\":\"2\",\"vs\":\"x\"},"
            + "{\"n\":\"3\",\"vb\":true},{\"n\":\"4\",\"vd\":\"AQ\"},{\"n\":\"5\",\"vlo\":\"1:2\"},{\"n\":\"6/0\",\"v\":18446744073709551615}]";
        var node = (Lwm2mObjectInstance)Decode(_codec, Utf8(json), Lwm2mPath.Instance(4242, 0), SenmlTestModels.None);
        Assert.Equal(Lwm2mValue.FromInteger(5), ((Lwm2mSingleResource)node.Resources[0]).Value);
        Assert.Equal(Lwm2mValue.FromFloat(5.5), ((Lwm2mSingleResource)node.Resources[1]).Value);
        Assert.Equal(Lwm2mValue.FromString("x"), ((Lwm2mSingleResource)node.Resources[2]).Value);
        Assert.Equal(Lwm2mValue.FromBoolean(true), ((Lwm2mSingleResource)node.Resources[3]).Value);
        Assert.Equal(Lwm2mValue.FromOpaque([1]), ((Lwm2mSingleResource)node.Resources[4]).Value);
        Assert.Equal(Lwm2mValue.FromObjectLink(new ObjectLink(1, 2)), ((Lwm2mSingleResource)node.Resources[5]).Value);
        var multiple = Assert.IsType<Lwm2mMultipleResource>(node.Resources[6]);
        Assert.Equal(Lwm2mValue.FromUnsignedInteger(ulong.MaxValue), multiple.Instances[0].Value);
    }

    [Fact]
    public void TryDecode_IntegralNumberForAFloatResource_GivesAFloat()
    {
        var node = Decode(_codec, Utf8("[{\"n\":\"/3303/0/5700\",\"v\":22}]"), Lwm2mPath.Resource(3303, 0, 5700));
        Assert.Equal(new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(22)), node);
    }

    [Fact]
    public void TryDecode_EmptyPackForAMultipleResource_GivesNoInstances()
    {
        var node = Decode(_codec, Utf8("[]"), Lwm2mPath.Resource(3, 0, 7));
        Assert.Equal(new Lwm2mMultipleResource(7, ResourceType.Integer, []), node);
    }

    /// <summary>The Read-Composite request of Core 1.1 §7.4.5 (paths only).</summary>
    [Fact]
    public void Paths_ReadCompositeRequestExample()
    {
        const string json = "[{\"n\":\"/3/0/9\"},{\"n\":\"/1/0/1\"}]";
        Lwm2mPath[] paths = [Lwm2mPath.Resource(3, 0, 9), Lwm2mPath.Resource(1, 0, 1)];
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodePaths(paths, output, out string? error), error);
        Assert.Equal(json, Text(output.WrittenSpan.ToArray()));

        Assert.True(_codec.TryDecodePaths(Utf8(json), out var decoded, out error), error);
        Assert.Equal(paths, decoded);
    }

    [Fact]
    public void TryEncodePaths_WritesObjectInstanceAndRootPaths()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodePaths([Lwm2mPath.Root, Lwm2mPath.Object(3), Lwm2mPath.Instance(1, 0)], output, out string? error), error);
        Assert.Equal("[{\"n\":\"/\"},{\"n\":\"/3\"},{\"n\":\"/1/0\"}]", Text(output.WrittenSpan.ToArray()));
    }

    [Fact]
    public void TryDecodePaths_RecordWithValue_IsAnError()
    {
        Assert.False(_codec.TryDecodePaths(Utf8("[{\"n\":\"/3/0/9\",\"v\":1}]"), out var paths, out string? error));
        Assert.Null(paths);
        Assert.Contains("/3/0/9 carries a value", error);
    }

    /// <summary>A Read-Composite response with a base name per path: one node per record.</summary>
    [Fact]
    public void TryDecodeNodes_ReadCompositeResponse_GivesOneNodePerRecord()
    {
        const string json = "[{\"bn\":\"/3/0/\",\"n\":\"9\",\"v\":87},{\"n\":\"7/0\",\"v\":3800},{\"bn\":\"/1/0/\",\"n\":\"1\",\"v\":300}]";
        Assert.True(_codec.TryDecodeNodes(Utf8(json), SenmlTestModels.Instance, out var nodes, out string? error), error);
        Assert.Equal(
        [
            new(Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(87))),
            new(Lwm2mPath.ResourceInstance(3, 0, 7, 0), new Lwm2mResourceInstance(0, Lwm2mValue.FromInteger(3800))),
            new KeyValuePair<Lwm2mPath, Lwm2mNode?>(Lwm2mPath.Resource(1, 0, 1), new Lwm2mSingleResource(1, Lwm2mValue.FromInteger(300))),
        ], nodes!);
    }

    /// <summary>Write-Composite: a record without value deletes (here the instance /1/0).</summary>
    [Fact]
    public void WriteComposite_WithDelete_RoundTrips()
    {
        List<KeyValuePair<Lwm2mPath, Lwm2mNode?>> nodes =
        [
            new(Lwm2mPath.Resource(3, 0, 14), new Lwm2mSingleResource(14, Lwm2mValue.FromString("+01:00"))),
            new(Lwm2mPath.Instance(1, 0), null),
            new(Lwm2mPath.ResourceInstance(3, 0, 7, 1), new Lwm2mResourceInstance(1, Lwm2mValue.FromInteger(4000))),
        ];
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodeNodes(nodes, SenmlTestModels.Instance, output, out string? error), error);
        Assert.Equal("[{\"n\":\"/3/0/14\",\"vs\":\"+01:00\"},{\"n\":\"/1/0\"},{\"n\":\"/3/0/7/1\",\"v\":4000}]", Text(output.WrittenSpan.ToArray()));

        Assert.True(_codec.TryDecodeNodes(output.WrittenSpan, SenmlTestModels.Instance, out var decoded, out error), error);
        Assert.Equal(nodes, decoded!);
    }

    [Fact]
    public void TryEncodeNodes_InstanceNode_WritesFullNames()
    {
        var instance = new Lwm2mObjectInstance(0, [new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(87)), Multiple(11, 0)]);
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodeNodes([new(Lwm2mPath.Instance(3, 0), instance)], SenmlTestModels.Instance, output, out string? error), error);
        Assert.Equal("[{\"n\":\"/3/0/9\",\"v\":87},{\"n\":\"/3/0/11/0\",\"v\":0}]", Text(output.WrittenSpan.ToArray()));
    }

    /// <summary>
    /// A Send payload (Core 1.1 §6.4.x Send; constructed from RFC 8428 §4.5.3 and the record rules of
    /// Core §7.4.5, the spec's own example not being at hand): bt applies to every later record, t adds to it.
    /// </summary>
    [Fact]
    public void TryDecodeTimestampedNodes_AbsoluteTimes_ResolveBaseTimePlusTime()
    {
        const string json = "[{\"bn\":\"/3303/0/\",\"bt\":1672531200,\"n\":\"5700\",\"v\":21.5},"
            + "{\"n\":\"5700\",\"t\":60,\"v\":22.4},{\"bn\":\"/3/0/\",\"n\":\"9\",\"v\":87}]";
        Assert.True(_codec.TryDecodeTimestampedNodes(Utf8(json), SenmlTestModels.Instance, out var nodes, out string? error), error);
        var t0 = DateTimeOffset.FromUnixTimeSeconds(1672531200);
        Assert.Equal(
        [
            new TimestampedNode(t0, Lwm2mPath.Resource(3303, 0, 5700), new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(21.5))),
            new TimestampedNode(t0.AddSeconds(60), Lwm2mPath.Resource(3303, 0, 5700), new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(22.4))),
            new TimestampedNode(t0, Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(87))),
        ], nodes!);
    }

    /// <summary>RFC 8428 §4.5.3: a time below 2^28 is relative to now; no time at all is "now" (null).</summary>
    [Fact]
    public void TryDecodeTimestampedNodes_RelativeTimes_AreAgainstTheClock()
    {
        var clock = new ManualTimeProvider();
        var codec = new SenmlJsonCodec(clock);
        const string json = "[{\"n\":\"/3/0/9\",\"v\":87,\"t\":-10},{\"n\":\"/3/0/10\",\"v\":15},{\"n\":\"/3/0/9\",\"v\":86,\"t\":0.5}]";
        Assert.True(codec.TryDecodeTimestampedNodes(Utf8(json), SenmlTestModels.Instance, out var nodes, out string? error), error);
        var now = clock.GetUtcNow();
        Assert.Equal(now.AddSeconds(-10), nodes![0].Timestamp);
        Assert.Null(nodes[1].Timestamp);
        Assert.Equal(now.AddMilliseconds(500), nodes[2].Timestamp);
    }

    [Fact]
    public void TryEncodeTimestampedNodes_WritesAbsoluteTimes()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1672531200);
        TimestampedNode[] nodes =
        [
            new(t, Lwm2mPath.Resource(3303, 0, 5700), new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(21.5))),
            new(t.AddMilliseconds(250), Lwm2mPath.Resource(3303, 0, 5700), new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(22))),
            new(null, Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(87))),
        ];
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodeTimestampedNodes(nodes, SenmlTestModels.Instance, output, out string? error), error);
        Assert.Equal("[{\"n\":\"/3303/0/5700\",\"t\":1672531200,\"v\":21.5},{\"n\":\"/3303/0/5700\",\"t\":1672531200.25,\"v\":22},"
            + "{\"n\":\"/3/0/9\",\"v\":87}]", Text(output.WrittenSpan.ToArray()));
    }

    [Theory]
    [InlineData("", "a SenML JSON pack is an array")]
    [InlineData("{}", "a SenML JSON pack is an array")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1.5}]", "/3/0/9: Integer resource 9 (Battery Level) needs an integral number, not the number 1.5")]
    [InlineData("[{\"n\":\"/3/0/9\",\"vs\":\"100\"}]", "/3/0/9: Integer resource 9 (Battery Level) cannot take a string")]
    [InlineData("[{\"n\":\"/3/0/0\",\"v\":1}]", "/3/0/0: String resource 0 (Manufacturer) cannot take the integer 1")]
    [InlineData("[{\"n\":\"/3/0/4\",\"v\":1}]", "has no value type (executable)")]
    [InlineData("[{\"n\":\"/3/0/6\",\"v\":1}]", "/3/0/6 is a multiple resource")]
    [InlineData("[{\"n\":\"/3/0/9/0\",\"v\":1}]", "/3/0/9 is a single resource")]
    [InlineData("[{\"n\":\"/4/0/9\",\"v\":1}]", "/4/0/9 is not under the requested path /3/0")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1},{\"n\":\"/3/0/9\",\"v\":2}]", "/3/0/9 appears twice")]
    [InlineData("[{\"n\":\"/3/0\",\"v\":1}]", "only a resource or a resource instance has a value")]
    [InlineData("[{\"n\":\"/3/0/9\"}]", "/3/0/9 has no value")]
    [InlineData("[{\"v\":1}]", "record 0 has no name")]
    [InlineData("[{\"n\":\"urn:dev:ow:10e2073a01080063\",\"v\":1}]", "is not an LwM2M path")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1,\"vs\":\"x\"}]", "at most one value")]
    [InlineData("[{\"n\":\"/3/0/9\",\"n\":\"/3/0/9\",\"v\":1}]", "field Name appears twice")]
    [InlineData("[{\"n\":\"/3/0/9\",\"bv\":1,\"v\":1}]", "bv, bs")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1,\"ext_\":1}]", "must-understand")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":\"1\"}]", "v must be a finite number")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1}", "malformed JSON")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1}] x", "malformed JSON")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1e400}]", "v must be a finite number")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":9223372036854775808}]", "out of range")]
    [InlineData("[1]", "a record is a JSON object")]
    [InlineData("[{\"n\":\"/3/0/22/0\",\"vlo\":\"66\"}]", "vlo must be an object link")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1,\"t\":\"now\"}]", "t must be a number")]
    public void TryDecode_BadPayload_SaysWhy(string json, string expected)
    {
        string error = DecodeError(_codec, Utf8(json), Lwm2mPath.Instance(3, 0));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1},{\"n\":\"/3/0/9\"}]", "/3/0/9 appears twice")]
    [InlineData("[{\"n\":\"/3/0\",\"v\":1}]", "only a resource or a resource instance has a value, not an object instance")]
    [InlineData("[{\"n\":\"/3/0/6\",\"v\":1}]", "/3/0/6 is a multiple resource")]
    public void TryDecodeNodes_BadPayload_SaysWhy(string json, string expected)
    {
        Assert.False(_codec.TryDecodeNodes(Utf8(json), SenmlTestModels.Instance, out var nodes, out string? error));
        Assert.Null(nodes);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1,\"t\":1672531200},{\"n\":\"/3/0/9\",\"v\":2,\"t\":1672531200}]", "/3/0/9 appears twice at the same time")]
    [InlineData("[{\"n\":\"/3/0/9\",\"t\":1672531200}]", "/3/0/9 has no value")]
    [InlineData("[{\"n\":\"/3/0/9\",\"v\":1,\"t\":1e300}]", "out of range")]
    public void TryDecodeTimestampedNodes_BadPayload_SaysWhy(string json, string expected)
    {
        Assert.False(_codec.TryDecodeTimestampedNodes(Utf8(json), SenmlTestModels.Instance, out var nodes, out string? error));
        Assert.Null(nodes);
        Assert.Contains(expected, error);
    }

    /// <summary>
    /// A notification with history (Core §6.4.1): every record with its time, in payload order, and
    /// the node from the latest record of each path (no time: now, the latest).
    /// </summary>
    [Fact]
    public void TryDecodeNotification_TimedRecords_GiveTheHistoryAndTheLatestValuePerPath()
    {
        const string json = "[{\"bn\":\"/3/0/\",\"n\":\"9\",\"v\":75,\"t\":1672531260},{\"n\":\"9\",\"v\":80,\"t\":1672531200},{\"n\":\"10\",\"v\":15}]";
        var decoder = (ITimestampedNotificationDecoder)_codec;

        Assert.True(decoder.TryDecodeNotification(Utf8(json), Lwm2mPath.Instance(3, 0), SenmlTestModels.Instance, out var node, out var history, out string? error), error);

        var t0 = DateTimeOffset.FromUnixTimeSeconds(1672531200);
        Assert.Equal(
        [
            new TimestampedNode(t0.AddSeconds(60), Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(75))),
            new TimestampedNode(t0, Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(80))),
            new TimestampedNode(null, Lwm2mPath.Resource(3, 0, 10), new Lwm2mSingleResource(10, Lwm2mValue.FromInteger(15))),
        ], history!);
        Assert.Equal(new Lwm2mObjectInstance(0, [new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(75)), new Lwm2mSingleResource(10, Lwm2mValue.FromInteger(15))]), node);
    }

    [Fact]
    public void TryDecodeNotification_WithoutTimes_HasNoHistory()
    {
        var decoder = (ITimestampedNotificationDecoder)_codec;

        Assert.True(decoder.TryDecodeNotification(Utf8(DeviceExample), Lwm2mPath.Instance(3, 0), SenmlTestModels.Instance, out var node, out var history, out string? error), error);

        Assert.Null(history);
        Assert.Equal(DeviceInstance(), node);
    }

    [Fact]
    public void TryDecodeCompositeNotification_TimedRecords_GiveTheHistoryAndTheLatestValuePerPath()
    {
        const string json = "[{\"n\":\"/3/0/9\",\"v\":80,\"t\":1672531200},{\"n\":\"/3/0/10\",\"v\":15,\"t\":1672531200},{\"n\":\"/3/0/9\",\"v\":75,\"t\":1672531260},{\"n\":\"/6/0/0\"}]";
        var decoder = (ITimestampedCompositeNotificationDecoder)_codec;

        Assert.True(decoder.TryDecodeCompositeNotification(Utf8(json), SenmlTestModels.Instance, out var nodes, out var history, out string? error), error);

        Assert.Equal([1672531200L, 1672531200L, 1672531260L], history!.Select(h => h.Timestamp!.Value.ToUnixTimeSeconds()));
        Assert.Equal(
        [
            new(Lwm2mPath.Resource(3, 0, 10), new Lwm2mSingleResource(10, Lwm2mValue.FromInteger(15))),
            new(Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(75))),
            new KeyValuePair<Lwm2mPath, Lwm2mNode?>(Lwm2mPath.Resource(6, 0, 0), null),
        ], nodes!);
    }

    [Fact]
    public void TryDecode_RootPath_IsAnError()
    {
        Assert.Contains("root path", DecodeError(_codec, Utf8("[]"), Lwm2mPath.Root));
    }

    [Fact]
    public void TryEncode_NaN_IsAnErrorInJson()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(_codec.TryEncode(Lwm2mPath.Resource(3303, 0, 5700), new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(double.NaN)),
            SenmlTestModels.Instance, output, out string? error));
        Assert.Contains("NaN", error);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void TryEncode_NodeNotMatchingThePath_IsAnError()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(_codec.CanEncode(Lwm2mPath.Instance(3, 0), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(1))));
        Assert.False(_codec.TryEncode(Lwm2mPath.Instance(3, 0), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(1)),
            SenmlTestModels.Instance, output, out string? error));
        Assert.Contains("cannot be encoded at /3/0", error);
        Assert.False(_codec.TryEncode(Lwm2mPath.Resource(3, 0, 10), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(1)),
            SenmlTestModels.Instance, output, out error));
        Assert.Contains("has id 9, but the path /3/0/10 names id 10", error);
    }

    [Fact]
    public void TryEncode_LoneSurrogate_IsAnError()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(_codec.TryEncode(Lwm2mPath.Resource(3, 0, 0), new Lwm2mSingleResource(0, Lwm2mValue.FromString("a\uD800b")),
            SenmlTestModels.Instance, output, out string? error));
        Assert.Contains("not valid UTF-16", error);
    }
}
