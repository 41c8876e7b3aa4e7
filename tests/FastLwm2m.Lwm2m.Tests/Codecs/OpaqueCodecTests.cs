using CsCheck;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.ValueCodecTestHelpers;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>application/octet-stream (Core §7.4.2).</summary>
public class OpaqueCodecTests
{
    private static readonly OpaqueCodec Codec = OpaqueCodec.Instance;

    [Fact]
    public void TryDecode_FirmwarePackage_IsTheBytes()
    {
        Assert.Equal(Single(0, Lwm2mValue.FromOpaque([0xDE, 0xAD, 0xBE, 0xEF])), Codec.Decode("/5/0/0", [0xDE, 0xAD, 0xBE, 0xEF]));
        Assert.Equal(Single(0, Lwm2mValue.FromOpaque([])), Codec.Decode("/5/0/0", []));
    }

    [Fact]
    public void TryDecode_UnknownResource_IsOpaque()
    {
        Assert.Equal(Single(7, Lwm2mValue.FromOpaque([1])), Codec.Decode("/9999/0/7", [1]));
        Assert.Equal(new Lwm2mResourceInstance(2, Lwm2mValue.FromOpaque([1])), Codec.Decode("/9999/0/7/2", [1]));
    }

    [Theory]
    [InlineData("/3/0/9", "application/octet-stream carries Opaque values; /3/0/9 (Battery Level) is an Integer")]
    [InlineData("/3/0", "application/octet-stream carries a single resource or resource instance value, not /3/0")]
    [InlineData("/9000/0/15", "application/octet-stream carries one value; /9000/0/15 is a multiple resource (read one of its instances, or use TLV or SenML)")]
    public void TryDecode_NotAnOpaqueValue_IsRefused(string path, string expected)
    {
        Assert.Equal(expected, Codec.DecodeError(path, [1]));
    }

    [Fact]
    public void TryEncode_NonOpaqueValue_IsRefused()
    {
        Assert.Equal("application/octet-stream carries Opaque values; /3/0/9 is an Integer", Codec.EncodeError("/3/0/9", Single(9, Int(100))));
        Assert.False(Codec.CanEncode(Lwm2mPath.Parse("/3/0/9"), Single(9, Int(100))));
        Assert.True(Codec.CanEncode(Lwm2mPath.Parse("/5/0/0"), Single(0, Lwm2mValue.FromOpaque([1]))));
    }

    [Fact]
    public void Bytes_EncodeThenDecode_GiveTheSameValue()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var resource = Single(5, Lwm2mValue.FromOpaque(bytes));
            byte[] payload = Codec.Encode("/9000/0/5", resource);
            Assert.Equal(bytes, payload);
            Assert.Equal(resource, Codec.Decode("/9000/0/5", payload));
            var instance = new Lwm2mResourceInstance(3, Lwm2mValue.FromOpaque(bytes));
            Assert.Equal(instance, Codec.Decode("/9000/0/15/3", Codec.Encode("/9000/0/15/3", instance)));
        }, iter: 500);
    }
}
