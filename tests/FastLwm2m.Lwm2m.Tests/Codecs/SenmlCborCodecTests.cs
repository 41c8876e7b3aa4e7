using System.Buffers;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.SenmlTestGenerators;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

public class SenmlCborCodecTests
{
    /// <summary>
    /// Read /3/0 of the example client in SenML CBOR (Core 1.1 §7.4.5): the records of
    /// <see cref="SenmlJsonCodecTests.DeviceExample"/> as an array of 16 maps, labels bn -2, n 0,
    /// v 2, vs 3 (RFC 8428 Table 6). The same bytes Eclipse Leshan's tests use for this example.
    /// </summary>
    internal const string DeviceExampleHex =
        "90a321652f332f302f00613003744f70656e204d6f62696c6520416c6c69616e6365a200613103764c696768747765696768"
        + "74204d324d20436c69656e74a20061320369333435303030313233a20061330363312e30a20063362f300201a20063362f310205a20063372f"
        + "3002190ed8a20063372f3102191388a20063382f3002187da20063382f3102190384a2006139021864a200623130020fa2006431312f300200"
        + "a200623133021a5182428fa20062313403662b30323a3030a200623136036155";

    /// <summary>[{0: "/3/0/9"}, {0: "/1/0/1"}]: the Read-Composite request of Core 1.1 §7.4.5 in CBOR.</summary>
    private const string ReadCompositeRequestHex = "82a100662f332f302f39a100662f312f302f31";

    private readonly SenmlCborCodec _codec = new(new ManualTimeProvider());

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    [Fact]
    public void ContentFormat_Is112() => Assert.Equal(112, _codec.ContentFormat);

    [Fact]
    public void TryDecode_DeviceExample_GivesTheDeviceInstance()
    {
        Assert.Equal(SenmlJsonCodecTests.DeviceInstance(), Decode(_codec, Hex(DeviceExampleHex), Lwm2mPath.Instance(3, 0)));
    }

    [Fact]
    public void TryEncode_DeviceInstance_WritesTheExampleBytes()
    {
        Assert.Equal(DeviceExampleHex, Convert.ToHexStringLower(Encode(_codec, Lwm2mPath.Instance(3, 0), SenmlJsonCodecTests.DeviceInstance())));
    }

    /// <summary>[{-2: "/3303/0/5700", 2: 22.5}]: 22.5 fits a half-precision float (f9 4da0).</summary>
    [Fact]
    public void TryEncode_Float_UsesTheShortestExactPrecision()
    {
        var path = Lwm2mPath.Resource(3303, 0, 5700);
        Assert.Equal("81a2216c2f333330332f302f3537303002f94da0",
            Convert.ToHexStringLower(Encode(_codec, path, new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(22.5)))));
        Assert.Equal("81a2216c2f333330332f302f3537303002fa3dcccccd",
            Convert.ToHexStringLower(Encode(_codec, path, new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(0.1f)))));
        Assert.Equal("81a2216c2f333330332f302f3537303002fb3fb999999999999a",
            Convert.ToHexStringLower(Encode(_codec, path, new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(0.1)))));
    }

    /// <summary>Objlnk as the text label "vlo" and opaque as a byte string (label 8), Core §7.4.5.</summary>
    [Fact]
    public void ObjectLinkAndOpaque_UseVloAndByteStrings()
    {
        var link = new Lwm2mSingleResource(2, Lwm2mValue.FromObjectLink(new ObjectLink(67, 0)));
        // [{-2: "/66/0/2", "vlo": "67:0"}]
        const string linkHex = "81a221672f36362f302f3263766c6f6436373a30";
        Assert.Equal(linkHex, Convert.ToHexStringLower(Encode(_codec, Lwm2mPath.Resource(66, 0, 2), link)));
        Assert.Equal(link, Decode(_codec, Hex(linkHex), Lwm2mPath.Resource(66, 0, 2)));

        var opaque = new Lwm2mSingleResource(5, Lwm2mValue.FromOpaque([0xDE, 0xAD]));
        // [{-2: "/9100/0/5", 8: h'dead'}]
        const string opaqueHex = "81a221692f393130302f302f350842dead";
        Assert.Equal(opaqueHex, Convert.ToHexStringLower(Encode(_codec, Lwm2mPath.Resource(SenmlTestModels.AllTypesObjectId, 0, 5), opaque)));
    }

    [Fact]
    public void Paths_ReadCompositeRequestExample()
    {
        Lwm2mPath[] paths = [Lwm2mPath.Resource(3, 0, 9), Lwm2mPath.Resource(1, 0, 1)];
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodePaths(paths, output, out string? error), error);
        Assert.Equal(ReadCompositeRequestHex, Convert.ToHexStringLower(output.WrittenSpan));

        Assert.True(_codec.TryDecodePaths(Hex(ReadCompositeRequestHex), out var decoded, out error), error);
        Assert.Equal(paths, decoded);
    }

    /// <summary>Indefinite-length array, map and text are the same data (RFC 8949 §3.2).</summary>
    [Fact]
    public void TryDecode_IndefiniteLengths_AreAccepted()
    {
        // [_ {_ 0: (_ "/3/0", "/9"), 2: 100}]
        const string hex = "9fbf007f642f332f30622f39ff021864ffff";
        Assert.Equal(new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(100)), Decode(_codec, Hex(hex), Lwm2mPath.Resource(3, 0, 9)));
    }

    /// <summary>Numbers in any CBOR form: a float with no fraction for an Integer, a decimal fraction (tag 4) for a Float.</summary>
    [Fact]
    public void TryDecode_NumbersInOtherForms_AreTypedByTheModel()
    {
        // [{0: "/3/0/9", 2: 100.0 (half)}]
        Assert.Equal(new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(100)), Decode(_codec, Hex("81a200662f332f302f3902f95640"), Lwm2mPath.Resource(3, 0, 9)));

        // [{0: "/3303/0/5700", 2: 4([-1, 45])}]
        Assert.Equal(new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(4.5)),
            Decode(_codec, Hex("81a2006c2f333330332f302f3537303002c48220182d"), Lwm2mPath.Resource(3303, 0, 5700)));
    }

    /// <summary>Tag 1 (epoch time, RFC 8949 §3.4.2) on a Time value.</summary>
    [Fact]
    public void TryDecode_EpochTimeTag_GivesTheTime()
    {
        // [{0: "/3/0/13", 2: 1(1367491215)}]
        Assert.Equal(new Lwm2mSingleResource(13, Lwm2mValue.FromUnixTime(1367491215)),
            Decode(_codec, Hex("81a200672f332f302f313302c11a5182428f"), Lwm2mPath.Resource(3, 0, 13)));
    }

    [Fact]
    public void TryDecodeTimestampedNodes_UsesLabelsMinus3And6()
    {
        // [{-2: "/3/0/9", -3: 1672531200, 2: 87}, {6: 60, 2: 86}]
        const string hex = "82a321662f332f302f39221a63b0cd00021857a2"+ "06183c021856";
        Assert.True(_codec.TryDecodeTimestampedNodes(Hex(hex), SenmlTestModels.Instance, out var nodes, out string? error), error);
        var t0 = DateTimeOffset.FromUnixTimeSeconds(1672531200);
        Assert.Equal(
        [
            new TimestampedNode(t0, Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(87))),
            new TimestampedNode(t0.AddSeconds(60), Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(86))),
        ], nodes!);
    }

    [Fact]
    public void TryEncodeTimestampedNodes_WritesT()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1672531200);
        var output = new ArrayBufferWriter<byte>();
        Assert.True(_codec.TryEncodeTimestampedNodes(
            [new TimestampedNode(t, Lwm2mPath.Resource(3, 0, 9), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(87)))],
            SenmlTestModels.Instance, output, out string? error), error);
        // [{0: "/3/0/9", 6: 1672531200, 2: 87}]
        Assert.Equal("81a300662f332f302f39061a63b0cd00021857", Convert.ToHexStringLower(output.WrittenSpan));
    }

    [Fact]
    public void TryEncode_NaN_IsFineInCbor()
    {
        var bytes = Encode(_codec, Lwm2mPath.Resource(3303, 0, 5700), new Lwm2mSingleResource(5700, Lwm2mValue.FromFloat(double.NaN)));
        var node = (Lwm2mSingleResource)Decode(_codec, bytes, Lwm2mPath.Resource(3303, 0, 5700));
        Assert.True(double.IsNaN(node.Value.AsFloat()));
    }

    [Theory]
    [InlineData("", "a SenML CBOR pack is an array")]
    [InlineData("a0", "a SenML CBOR pack is an array")]
    [InlineData("8101", "a record is a CBOR map")]
    [InlineData("81a200662f332f302f3902f93e00", "needs an integral number, not the number 1.5")] // v: 1.5 (half)
    [InlineData("81a200662f332f302f390361", "malformed CBOR")] // truncated text
    [InlineData("81a200662f332f302f39036131", "cannot take a string")]
    [InlineData("81a200662f332f302f3902d82a01", "v must be a number")] // unknown tag 42
    [InlineData("81a200662f332f302f39023b8000000000000000", "v must be a number")] // below -2^63
    [InlineData("81a300662f332f302f39021864", "malformed CBOR")] // the map claims 3 pairs, has 2
    [InlineData("81a200662f332f302f3902186401", "data after the SenML pack")]
    [InlineData("81a1006a75726e3a6465763a3031", "is not an LwM2M path")]
    [InlineData("81a200662f332f302f3963766c6f6133", "vlo must be an object link")]
    [InlineData("81a200662f332f302f392501", "bv, bs")]
    public void TryDecode_BadPayload_SaysWhy(string hex, string expected)
    {
        string error = DecodeError(_codec, Hex(hex), Lwm2mPath.Instance(3, 0));
        Assert.Contains(expected, error);
    }
}
