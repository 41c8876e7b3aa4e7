using CsCheck;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.ValueCodecTestHelpers;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>application/cbor (Core §7.4.6), with the encodings of RFC 8949 Appendix A.</summary>
public class CborCodecTests
{
    private static readonly CborCodec Codec = CborCodec.Instance;

    public static TheoryData<string, string, Lwm2mNode> Examples => new()
    {
        { "/3/0/9", "18 64", Single(9, Int(100)) }, // RFC 8949 App. A: 100
        { "/9000/0/1", "20", Single(1, Int(-1)) },
        { "/9000/0/1", "38 63", Single(1, Int(-100)) },
        { "/9000/0/1", "3B 7F FF FF FF FF FF FF FF", Single(1, Int(long.MinValue)) },
        { "/9000/0/2", "1B FF FF FF FF FF FF FF FF", Single(2, Lwm2mValue.FromUnsignedInteger(ulong.MaxValue)) },
        { "/9000/0/2", "00", Single(2, Lwm2mValue.FromUnsignedInteger(0)) },
        { "/9000/0/3", "F9 3E 00", Single(3, Lwm2mValue.FromFloat(1.5)) }, // half
        { "/9000/0/3", "F9 80 00", Single(3, Lwm2mValue.FromFloat(-0.0)) },
        { "/9000/0/3", "F9 7C 00", Single(3, Lwm2mValue.FromFloat(double.PositiveInfinity)) },
        { "/9000/0/3", "FB FF F8 00 00 00 00 00 00", Single(3, Lwm2mValue.FromFloat(double.NaN)) }, // NaN keeps its 64 bits
        { "/9000/0/3", "FA 47 C3 50 00", Single(3, Lwm2mValue.FromFloat(100000.0)) }, // single
        { "/9000/0/3", "FB 3F F1 99 99 99 99 99 9A", Single(3, Lwm2mValue.FromFloat(1.1)) }, // double
        { "/1/0/6", "F5", Single(6, Lwm2mValue.FromBoolean(true)) },
        { "/1/0/6", "F4", Single(6, Lwm2mValue.FromBoolean(false)) },
        { "/1/0/7", "61 55", Single(7, Str("U")) },
        { "/9000/0/8", "65 3C 2F 33 3E 3B", Single(8, Lwm2mValue.FromCoreLink("</3>;")) },
        { "/5/0/0", "44 01 02 03 04", Single(0, Lwm2mValue.FromOpaque([1, 2, 3, 4])) },
        { "/3/0/13", "1A 51 82 42 8F", Single(13, Lwm2mValue.FromUnixTime(1367491215)) },
        { "/9000/0/7", "64 36 36 3A 30", Single(7, Lwm2mValue.FromObjectLink(new ObjectLink(66, 0))) },
        { "/3/0/7/1", "19 13 88", new Lwm2mResourceInstance(1, Int(5000)) },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void TryDecode_Cbor_GivesTheTypedValue(string path, string hex, Lwm2mNode expected)
    {
        Assert.Equal(expected, Codec.Decode(path, Hex(hex)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void TryEncode_Value_GivesTheCbor(string path, string hex, Lwm2mNode node)
    {
        Assert.Equal(ToHex(Hex(hex)), ToHex(Codec.Encode(path, node)));
    }

    [Theory]
    [InlineData("/3/0/13", "C1 1A 51 82 42 8F", 1367491215L)] // tag 1, RFC 8949 §3.4.2
    [InlineData("/3/0/13", "C1 FB 41 D4 60 90 A3 C0 00 00", 1367491215L)] // tag 1 with a float of whole seconds
    [InlineData("/3/0/13", "3A 00 01 51 7F", -86400L)]
    public void TryDecode_EpochTime_IsTime(string path, string hex, long seconds)
    {
        Assert.Equal(Single(13, Lwm2mValue.FromUnixTime(seconds)), Codec.Decode(path, Hex(hex)));
    }

    [Theory]
    [InlineData("/9000/0/3", "18 64", 100.0)] // an integer where the model says Float
    [InlineData("/9000/0/3", "38 63", -100.0)]
    public void TryDecode_IntegerForFloat_IsConverted(string path, string hex, double value)
    {
        Assert.Equal(Single(3, Lwm2mValue.FromFloat(value)), Codec.Decode(path, Hex(hex)));
    }

    [Theory]
    [InlineData("18 64", ResourceType.Integer)]
    [InlineData("1B FF FF FF FF FF FF FF FF", ResourceType.UnsignedInteger)]
    [InlineData("F9 3E 00", ResourceType.Float)]
    [InlineData("F5", ResourceType.Boolean)]
    [InlineData("61 55", ResourceType.String)]
    [InlineData("42 01 02", ResourceType.Opaque)]
    [InlineData("C1 1A 51 82 42 8F", ResourceType.Time)]
    public void TryDecode_UnknownModel_TakesTheCborType(string hex, ResourceType type)
    {
        var node = Assert.IsType<Lwm2mSingleResource>(Codec.Decode("/9999/0/1", Hex(hex)));
        Assert.Equal(type, node.Value.Type);
    }

    [Theory]
    [InlineData("/3/0/9", "", "CBOR: empty payload for /3/0/9")]
    [InlineData("/3/0/9", "18 64 00", "CBOR: 1 bytes after the value of /3/0/9")]
    [InlineData("/3/0/9", "61 55", "CBOR: /3/0/9: the payload holds a text string, not an Integer")]
    [InlineData("/3/0/9", "F9 3E 00", "CBOR: /3/0/9: the payload holds a float, not an Integer")]
    [InlineData("/3/0/9", "1B FF FF FF FF FF FF FF FF", "CBOR: /3/0/9: 18446744073709551615 is out of range for an Integer (64-bit signed)")]
    [InlineData("/9000/0/2", "20", "CBOR: /9000/0/2: a negative integer is not an UnsignedInteger")]
    [InlineData("/3/0/9", "82 01 02", "CBOR: /3/0/9: an array is not a single value")]
    [InlineData("/3/0/9", "A1 01 02", "CBOR: /3/0/9: a map is not a single value")]
    [InlineData("/3/0/9", "F6", "CBOR: /3/0/9: null is not a single value")]
    [InlineData("/3/0/9", "C2 41 01", "CBOR: /3/0/9: tag 2 is not expected for an Integer")]
    [InlineData("/3/0/13", "C1 61 55", "CBOR: /3/0/13: tag 1 holds a text string, not a number of seconds")]
    [InlineData("/3/0/13", "C1 F9 3E 00", "CBOR: /3/0/13: a Time has whole seconds, not 1.5")]
    [InlineData("/9000/0/7", "63 36 36 30", "CBOR: /9000/0/7: \"660\" is not an Objlnk (\"objectId:instanceId\")")]
    [InlineData("/3/0/6", "01", "application/cbor carries one value; /3/0/6 is a multiple resource (read one of its instances, or use TLV or SenML)")]
    [InlineData("/3", "01", "application/cbor carries a single resource or resource instance value, not /3")]
    public void TryDecode_Mismatch_SaysWhy(string path, string hex, string expected)
    {
        Assert.Equal(expected, Codec.DecodeError(path, Hex(hex)));
    }

    [Theory]
    [InlineData("/3/0/9", "18")] // truncated argument
    [InlineData("/3/0/0", "62 55")] // truncated text
    [InlineData("/3/0/0", "62 C3 28")] // invalid UTF-8
    [InlineData("/3/0/9", "1C")] // reserved additional information
    [InlineData("/3/0/9", "FF")] // break outside an indefinite-length item
    public void TryDecode_MalformedCbor_IsRefusedWithoutThrowing(string path, string hex)
    {
        Assert.StartsWith($"CBOR: {path}: ", Codec.DecodeError(path, Hex(hex)));
    }

    [Fact]
    public void TryEncode_LoneSurrogate_IsWrittenAsReplacementCharacter()
    {
        byte[] bytes = Codec.Encode("/3/0/0", Single(0, Str("a\uD800")));
        Assert.Equal("64 61 EF BF BD".Replace(" ", ""), ToHex(bytes));
    }

    [Fact]
    public void EveryType_EncodeThenDecode_GivesTheSameValue()
    {
        Gen.Select(ValueCodecGen.AnySingleValue, ValueCodecGen.InstanceId).Sample((single, ri) =>
        {
            var (id, value) = single;
            var resource = Single(id, value);
            Assert.Equal(resource, Codec.Decode($"/9000/0/{id}", Codec.Encode($"/9000/0/{id}", resource)));
            var instance = new Lwm2mResourceInstance(ri, value);
            string riPath = $"/9000/0/{ValueCodecModels.FirstMultipleId + id}/{ri}";
            Assert.Equal(instance, Codec.Decode(riPath, Codec.Encode(riPath, instance)));
        }, iter: 2000);
    }

    [Fact]
    public void Float_TakesTheShortestExactWidth()
    {
        ValueCodecGen.Double.Sample(d =>
        {
            byte[] bytes = Codec.Encode("/9000/0/3", Single(3, Lwm2mValue.FromFloat(d)));
            long bits = BitConverter.DoubleToInt64Bits(d);
            int expected = double.IsNaN(d) ? 9
                : BitConverter.DoubleToInt64Bits((double)(Half)d) == bits ? 3
                : BitConverter.DoubleToInt64Bits((float)d) == bits ? 5 : 9;
            Assert.Equal(expected, bytes.Length);
        }, iter: 2000);
    }
}
