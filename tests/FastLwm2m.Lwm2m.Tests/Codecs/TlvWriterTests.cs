using System.Buffers;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.ValueCodecTestHelpers;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

public class TlvWriterTests
{
    [Theory]
    [InlineData(TlvType.ResourceWithValue, 9, 1, "C109")] // length in bits 2-0
    [InlineData(TlvType.ResourceWithValue, 3, 7, "C703")]
    [InlineData(TlvType.ResourceWithValue, 0, 8, "C80008")] // 8-bit length from 8 on
    [InlineData(TlvType.ResourceWithValue, 1, 22, "C80116")]
    [InlineData(TlvType.MultipleResource, 7, 255, "8807FF")]
    [InlineData(TlvType.ObjectInstance, 0, 256, "10000100")] // 16-bit length
    [InlineData(TlvType.ObjectInstance, 0, 65536, "1800010000")] // 24-bit length
    [InlineData(TlvType.ResourceInstance, 310, 1, "610136")] // 16-bit id from 256 on
    [InlineData(TlvType.ResourceWithValue, 65535, TlvWriter.MaxValueLength, "F8FFFFFFFFFF")]
    public void WriteHeader_TakesTheShortestForm(TlvType type, int id, int length, string expected)
    {
        Span<byte> header = stackalloc byte[TlvWriter.MaxHeaderLength];
        int written = TlvWriter.WriteHeader(header, type, id, length);
        Assert.Equal(expected, ToHex(header[..written]));
        Assert.Equal(written, TlvWriter.GetHeaderLength(id, length));
    }

    [Fact]
    public void Write_Entry_IsReadBackByTheReader()
    {
        var output = new ArrayBufferWriter<byte>();
        TlvWriter.Write(output, TlvType.ResourceWithValue, 0, "Open Mobile Alliance"u8);
        Assert.Equal(ToHex(Hex("C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65")), ToHex(output.WrittenSpan));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(65536, 0)]
    [InlineData(0, -1)]
    [InlineData(0, TlvWriter.MaxValueLength + 1)]
    public void GetHeaderLength_OutOfRange_Throws(int id, int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TlvWriter.GetHeaderLength(id, length));
    }
}
