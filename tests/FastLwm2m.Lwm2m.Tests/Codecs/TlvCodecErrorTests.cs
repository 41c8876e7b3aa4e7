using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.ValueCodecTestHelpers;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>Malformed TLV payloads: each refused with a message naming the problem and its offset.</summary>
public class TlvCodecErrorTests
{
    private static readonly TlvCodec Codec = TlvCodec.Instance;

    [Theory]
    // A 5-byte resource, then a resource claiming 300 bytes (16-bit length 0x012C) with 12 left.
    [InlineData("/3/0", "C3 00 41 42 43 D0 01 01 2C 00 01 02 03 04 05 06 07 08 09 0A 0B", "TLV: length 300 exceeds the 12 remaining bytes at offset 5")]
    [InlineData("/3/0", "C8 00 14 4F 70", "TLV: length 20 exceeds the 2 remaining bytes at offset 0")]
    [InlineData("/3/0", "C8 00", "TLV: header of 3 bytes truncated to 2 at offset 0")]
    [InlineData("/3/0", "C1 09 64 F8", "TLV: header of 6 bytes truncated to 1 at offset 3")]
    // Nested lengths are checked against their container, with offsets in the whole payload.
    [InlineData("/3", "08 00 04 C1 09 64 00", "TLV: header of 2 bytes truncated to 1 at offset 6")]
    [InlineData("/3/0", "85 06 41 00 05 41 01", "TLV: length 1 exceeds the 0 remaining bytes at offset 5")]
    public void TryDecode_TruncatedPayload_SaysWhereAndHowMuch(string path, string hex, string expected)
    {
        Assert.Equal(expected, Codec.DecodeError(path, Hex(hex)));
    }

    [Theory]
    [InlineData("/3/0", "41 00 01", "TLV: a resource instance TLV (id 0) at offset 0 inside object instance /3/0, which holds resource TLVs")]
    [InlineData("/3", "08 00 03 08 01 00", "TLV: an object instance TLV (id 1) at offset 3 inside object instance /3/0, which holds resource TLVs")]
    [InlineData("/3/0", "83 06 C1 00 01", "TLV: a resource TLV (id 0) at offset 2 inside multiple resource /3/0/6, which holds resource instance TLVs")]
    [InlineData("/2", "C1 00 01", "TLV: a resource TLV (id 0) at offset 0 where object /2 holds object instance TLVs")]
    [InlineData("/3/0/9", "08 00 03 08 00 00", "TLV: an object instance TLV (id 0) at offset 3 where resource /3/0/9 was expected")]
    [InlineData("/3/0/6/0", "C1 06 01", "TLV: a resource TLV (id 6) at offset 0 where resource instance /3/0/6/0 was expected")]
    public void TryDecode_TlvNestedWhereItCannotBe_IsRefused(string path, string hex, string expected)
    {
        Assert.Equal(expected, Codec.DecodeError(path, Hex(hex)));
    }

    [Theory]
    [InlineData("/3/0", "C1 09 64 C1 09 65", "TLV: duplicate resource /3/0/9 at offset 3")]
    [InlineData("/3/0", "C1 0A 0F C1 09 64 C1 0A 0F", "TLV: duplicate resource /3/0/10 at offset 6")]
    [InlineData("/3/0", "86 06 41 00 01 41 00 05", "TLV: duplicate resource instance /3/0/6/0 at offset 5")]
    [InlineData("/2", "08 01 00 08 00 00 08 01 00", "TLV: duplicate object instance /2/1 at offset 6")]
    [InlineData("/2", "28 FF FF 00", "TLV: reserved object instance /2/65535 at offset 0")]
    [InlineData("/3/0", "84 06 61 FF FF 01", "TLV: reserved resource instance /3/0/6/65535 at offset 2")]
    public void TryDecode_DuplicateOrReservedId_IsRefused(string path, string hex, string expected)
    {
        Assert.Equal(expected, Codec.DecodeError(path, Hex(hex)));
    }

    [Theory]
    [InlineData("/3/0/9", "C1 0A 0F", "TLV: resource id 10 at offset 0 does not match the path /3/0/9")]
    [InlineData("/3/0/9", "C1 09 64 C1 0A 0F", "TLV: resource /3/0/9 is one TLV; another entry follows at offset 3")]
    [InlineData("/3/0/9", "C1 09 64 00", "TLV: resource /3/0/9 is one TLV; another entry follows at offset 3")]
    [InlineData("/3/0", "08 01 03 C1 09 64", "TLV: an object instance TLV with id 1 at offset 0 does not match the path /3/0")]
    [InlineData("/3/0", "08 00 03 C1 09 64 08 01 00", "TLV: /3/0 takes a single object instance TLV; another entry follows at offset 6")]
    [InlineData("/3/0/6/1", "41 00 01", "TLV: resource instance id 0 at offset 0 does not match the path /3/0/6/1")]
    [InlineData("/3/0/6/1", "41 01 05 41 02 07", "TLV: resource instance /3/0/6/1 is one TLV; another entry follows at offset 3")]
    [InlineData("/3/0/9", "", "TLV: empty payload for resource /3/0/9")]
    [InlineData("/3/0/6/1", "", "TLV: empty payload for resource instance /3/0/6/1")]
    public void TryDecode_PayloadNotMatchingThePath_IsRefused(string path, string hex, string expected)
    {
        Assert.Equal(expected, Codec.DecodeError(path, Hex(hex)));
    }

    [Theory]
    [InlineData("/3/0/9", "C3 09 00 00 64", "TLV: /3/0/9: an Integer value is 1, 2, 4 or 8 bytes, not 3 (offset 0)")]
    [InlineData("/3/0/13", "C0 0D", "TLV: /3/0/13: a Time value is 1, 2, 4 or 8 bytes, not 0 (offset 0)")]
    [InlineData("/9000/0/2", "C3 02 01 02 03", "TLV: /9000/0/2: an UnsignedInteger value is 1, 2, 4 or 8 bytes, not 3 (offset 0)")]
    [InlineData("/9000/0/3", "C2 03 3F C0", "TLV: /9000/0/3: a Float value is 4 or 8 bytes, not 2 (offset 0)")]
    [InlineData("/1/0/6", "C1 06 02", "TLV: /1/0/6: a Boolean value is 0 or 1, not 2 (offset 0)")]
    [InlineData("/1/0/6", "C2 06 00 01", "TLV: /1/0/6: a Boolean value is 1 byte, not 2 (offset 0)")]
    [InlineData("/9000/0/7", "C3 07 00 42 00", "TLV: /9000/0/7: an Objlnk value is 4 bytes, not 3 (offset 0)")]
    [InlineData("/3/0/0", "C2 00 C3 28", "TLV: /3/0/0: the String value is not valid UTF-8 (offset 0)")]
    [InlineData("/3/0", "88 07 08 41 00 01 43 01 00 00 FF", "TLV: /3/0/7/1: an Integer value is 1, 2, 4 or 8 bytes, not 3 (offset 6)")]
    public void TryDecode_ValueNotOfTheModelType_IsRefused(string path, string hex, string expected)
    {
        Assert.Equal(expected, Codec.DecodeError(path, Hex(hex)));
    }
}
