using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.ValueCodecTestHelpers;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

public class TlvReaderTests
{
    [Fact]
    public void TryRead_DeviceExample_ReadsEveryEntryAtTheTopLevel()
    {
        byte[] payload = Hex(TlvCodecTests.DeviceInstanceHex);
        var reader = new TlvReader(payload);
        var ids = new List<int>();
        while (reader.TryRead(out var entry, out string? error))
        {
            Assert.Null(error);
            Assert.True(entry.Type is TlvType.ResourceWithValue or TlvType.MultipleResource);
            ids.Add(entry.Id);
        }

        Assert.True(reader.IsAtEnd);
        Assert.Equal(payload.Length, reader.BytesConsumed);
        Assert.Equal([0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 13, 14, 16], ids);
    }

    [Fact]
    public void TryRead_Container_ReadsChildrenWithOffsetsInThePayload()
    {
        var reader = new TlvReader(Hex("C1 09 64 88 07 08 42 00 0E D8 42 01 13 88"));
        Assert.True(reader.TryRead(out _));
        Assert.True(reader.TryRead(out var multiple));
        Assert.Equal(TlvType.MultipleResource, multiple.Type);
        Assert.True(multiple.IsContainer);
        Assert.Equal(3, multiple.Offset);
        Assert.Equal(6, multiple.ValueOffset);

        var children = multiple.ReadChildren();
        Assert.True(children.TryRead(out var first));
        Assert.Equal((TlvType.ResourceInstance, 0, 6), (first.Type, first.Id, first.Offset));
        Assert.Equal("0ED8", ToHex(first.Value));
        Assert.True(children.TryRead(out var second));
        Assert.Equal((1, 10), (second.Id, second.Offset));
        Assert.Equal("1388", ToHex(second.Value));
        Assert.False(children.TryRead(out _, out string? error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("E1 16 DA 01", TlvType.ResourceWithValue, 5850, "01")] // 16-bit id, length in the type byte
    [InlineData("C8 00 03 41 42 43", TlvType.ResourceWithValue, 0, "414243")] // 8-bit length
    [InlineData("50 05 00 02 AA BB", TlvType.ResourceInstance, 5, "AABB")] // 16-bit length
    [InlineData("18 07 00 00 01 FF", TlvType.ObjectInstance, 7, "FF")] // 24-bit length
    [InlineData("83 0B 41 00 00", TlvType.MultipleResource, 11, "410000")] // bits 2-0 are the length when bits 4-3 are 00
    public void TryRead_EveryHeaderForm_GivesTypeIdAndValue(string hex, TlvType type, int id, string value)
    {
        byte[] bytes = Hex(hex);
        var reader = new TlvReader(bytes);
        Assert.True(reader.TryRead(out var entry));
        Assert.Equal(type, entry.Type);
        Assert.Equal(id, entry.Id);
        Assert.Equal(value, ToHex(entry.Value));
        Assert.Equal(bytes.Length, reader.BytesConsumed);
    }

    [Theory]
    [InlineData("C1 09 64 C8", 3, "TLV: header of 3 bytes truncated to 1 at offset 3")]
    [InlineData("C1 09 64 D8 01 00 00", 3, "TLV: header of 5 bytes truncated to 4 at offset 3")]
    [InlineData("C1 09 64 C8 00 05 41", 3, "TLV: length 5 exceeds the 1 remaining bytes at offset 3")]
    public void TryRead_Malformed_FailsWithoutConsumingAndKeepsFailing(string hex, int consumedBefore, string expected)
    {
        var reader = new TlvReader(Hex(hex));
        Assert.True(reader.TryRead(out _));
        Assert.Equal(consumedBefore, reader.BytesConsumed);

        Assert.False(reader.TryRead(out _, out string? error));
        Assert.Equal(expected, error);
        Assert.Equal(consumedBefore, reader.BytesConsumed);
        Assert.False(reader.IsAtEnd);

        Assert.False(reader.TryRead(out _, out string? again));
        Assert.Equal(expected, again);
    }

    [Fact]
    public void TryRead_Empty_IsTheEndWithoutError()
    {
        var reader = new TlvReader([]);
        Assert.True(reader.IsAtEnd);
        Assert.False(reader.TryRead(out _, out string? error));
        Assert.Null(error);
    }
}
