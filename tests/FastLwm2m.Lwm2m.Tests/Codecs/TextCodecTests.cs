using System.Text;
using CsCheck;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.ValueCodecTestHelpers;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>text/plain (Core §7.4.1, Appendix C).</summary>
public class TextCodecTests
{
    private static readonly TextCodec Codec = TextCodec.Instance;

    public static TheoryData<string, string, Lwm2mNode> Examples => new()
    {
        { "/3/0/0", "Open Mobile Alliance", Single(0, Str("Open Mobile Alliance")) }, // Core §7.4.1 example
        { "/3/0/9", "100", Single(9, Int(100)) },
        { "/9000/0/1", "-9223372036854775808", Single(1, Int(long.MinValue)) },
        { "/9000/0/2", "18446744073709551615", Single(2, Lwm2mValue.FromUnsignedInteger(ulong.MaxValue)) },
        { "/9000/0/3", "3.14", Single(3, Lwm2mValue.FromFloat(3.14)) },
        { "/9000/0/3", "-0", Single(3, Lwm2mValue.FromFloat(-0.0)) },
        { "/9000/0/3", "1E+300", Single(3, Lwm2mValue.FromFloat(1e300)) },
        { "/9000/0/3", "NaN", Single(3, Lwm2mValue.FromFloat(double.NaN)) },
        { "/9000/0/3", "-Infinity", Single(3, Lwm2mValue.FromFloat(double.NegativeInfinity)) },
        { "/1/0/6", "1", Single(6, Lwm2mValue.FromBoolean(true)) },
        { "/1/0/6", "0", Single(6, Lwm2mValue.FromBoolean(false)) },
        { "/3/0/13", "1367491215", Single(13, Lwm2mValue.FromUnixTime(1367491215)) },
        { "/9000/0/7", "66:0", Single(7, Lwm2mValue.FromObjectLink(new ObjectLink(66, 0))) },
        { "/9000/0/7", "65535:65535", Single(7, Lwm2mValue.FromObjectLink(ObjectLink.Null)) },
        { "/9000/0/8", "</3/0>;rt=\"x\"", Single(8, Lwm2mValue.FromCoreLink("</3/0>;rt=\"x\"")) },
        { "/5/0/0", "AQIDBAU=", Single(0, Lwm2mValue.FromOpaque([1, 2, 3, 4, 5])) }, // Opaque is base64 in text
        { "/3/0/6/1", "5", new Lwm2mResourceInstance(1, Int(5)) },
        { "/3/0/0", "", Single(0, Str("")) },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void TryDecode_Text_GivesTheTypedValue(string path, string text, Lwm2mNode expected)
    {
        Assert.Equal(expected, Codec.Decode(path, Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void TryEncode_Value_GivesTheText(string path, string text, Lwm2mNode node)
    {
        Assert.Equal(text, Encoding.UTF8.GetString(Codec.Encode(path, node)));
    }

    [Theory]
    [InlineData("/3/0/9", "1.5", "text/plain: /3/0/9 (Battery Level): \"1.5\" is not an Integer (a signed 64-bit decimal)")]
    [InlineData("/3/0/9", " 100", "text/plain: /3/0/9 (Battery Level): \" 100\" is not an Integer (a signed 64-bit decimal)")]
    [InlineData("/3/0/13", "2013-05-02", "text/plain: /3/0/13 (Current Time): \"2013-05-02\" is not a Time (a signed 64-bit decimal of Unix seconds)")]
    [InlineData("/9000/0/2", "-1", "text/plain: /9000/0/2 (single UnsignedInteger): \"-1\" is not an UnsignedInteger (an unsigned 64-bit decimal)")]
    [InlineData("/9000/0/3", "1,5", "text/plain: /9000/0/3 (single Float): \"1,5\" is not a Float (a decimal number)")]
    [InlineData("/1/0/6", "true", "text/plain: /1/0/6 (Notification Storing): \"true\" is not a Boolean (\"0\" or \"1\")")]
    [InlineData("/9000/0/7", "66", "text/plain: /9000/0/7 (single Objlnk): \"66\" is not an Objlnk (\"objectId:instanceId\")")]
    [InlineData("/9000/0/7", "66:65536", "text/plain: /9000/0/7 (single Objlnk): \"66:65536\" is not an Objlnk (\"objectId:instanceId\")")]
    [InlineData("/5/0/0", "!,-INVALID$_'", "text/plain: /5/0/0 (Package): the text is not base64, the text form of an Opaque value")]
    [InlineData("/3/0/4", "", "text/plain: /3/0/4 (Reboot) has no value type; it is executable")]
    [InlineData("/3/0/6", "1", "text/plain carries one value; /3/0/6 is a multiple resource (read one of its instances, or use TLV or SenML)")]
    [InlineData("/3/0", "1", "text/plain carries a single resource or resource instance value, not /3/0")]
    [InlineData("/9999/0/1", "1", "text/plain: no model for /9999/0/1, so the type of its text is unknown")]
    [InlineData("/3/0/99", "1", "text/plain: no model for /3/0/99, so the type of its text is unknown")]
    public void TryDecode_BadText_SaysWhy(string path, string text, string expected)
    {
        Assert.Equal(expected, Codec.DecodeError(path, Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void TryDecode_InvalidUtf8_IsRefused()
    {
        Assert.Equal("text/plain: /3/0/0 (Manufacturer): the text is not valid UTF-8", Codec.DecodeError("/3/0/0", [0xC3, 0x28]));
    }

    [Fact]
    public void TryEncode_NotASingleValue_IsRefused()
    {
        Assert.Equal("text/plain carries a single resource or resource instance value, not /3/0",
            Codec.EncodeError("/3/0", TlvCodecTests.DeviceInstance()));
        Assert.Equal("text/plain carries one value; /3/0/6 is a multiple resource (write its instances one by one, or use TLV or SenML)",
            Codec.EncodeError("/3/0/6", Integers(6, (0, 1))));
        Assert.Equal("text/plain: node id 9 does not match the path /3/0/10", Codec.EncodeError("/3/0/10", Single(9, Int(1))));
        Assert.False(Codec.CanEncode(Lwm2mPath.Parse("/3/0/6"), Integers(6, (0, 1))));
        Assert.True(Codec.CanEncode(Lwm2mPath.Parse("/3/0/6/0"), new Lwm2mResourceInstance(0, Int(1))));
    }

    [Fact]
    public void EveryType_EncodeThenDecode_GivesTheSameValue()
    {
        Gen.Select(ValueCodecGen.AnySingleValue, ValueCodecGen.InstanceId).Sample((single, ri) =>
        {
            var (id, value) = single;
            if (value.Type == ResourceType.Float && double.IsNaN(value.AsFloat()))
            {
                value = Lwm2mValue.FromFloat(double.NaN); // text has one NaN
            }

            var resource = Single(id, value);
            Assert.Equal(resource, Codec.Decode($"/9000/0/{id}", Codec.Encode($"/9000/0/{id}", resource)));
            var instance = new Lwm2mResourceInstance(ri, value);
            string riPath = $"/9000/0/{ValueCodecModels.FirstMultipleId + id}/{ri}";
            Assert.Equal(instance, Codec.Decode(riPath, Codec.Encode(riPath, instance)));
        }, iter: 2000);
    }
}
