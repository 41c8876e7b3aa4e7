namespace FastLwm2m.Coap.Tests.Codec;

public class BlockOptionTests
{
    // RFC 7959 §2.2, Figures 2-4: "2:NUM/M/SIZE".
    [Theory]
    [InlineData(0x0Bu, 0u, true, 128, "0/1/128")]
    [InlineData(0x1Bu, 1u, true, 128, "1/1/128")]
    [InlineData(0x23u, 2u, false, 128, "2/0/128")]
    [InlineData(0x02u, 0u, false, 64, "0/0/64")]
    [InlineData(0x1Au, 1u, true, 64, "1/1/64")]
    [InlineData(0x00u, 0u, false, 16, "0/0/16")]
    [InlineData(0x0Eu, 0u, true, 1024, "0/1/1024")]
    [InlineData(0xFFFFFEu, BlockOption.MaxNumber, true, 1024, "1048575/1/1024")]
    public void TryDecode_Rfc7959Values(uint value, uint number, bool more, int size, string text)
    {
        Assert.True(BlockOption.TryDecode(value, out var block));

        Assert.Equal(number, block.Number);
        Assert.Equal(more, block.More);
        Assert.Equal(size, block.Size);
        Assert.Equal(text, block.ToString());
        Assert.Equal(value, block.Encode());
        Assert.Equal((long)number * size, block.Offset);
    }

    [Theory]
    [InlineData(0x07u)]       // SZX 7 is reserved.
    [InlineData(0x1Fu)]
    [InlineData(0x1000000u)]  // More than 24 bits.
    public void TryDecode_Invalid_ReturnsFalse(uint value)
    {
        Assert.False(BlockOption.TryDecode(value, out var block));
        Assert.Equal(default, block);
    }

    [Theory]
    [InlineData(16, 0)]
    [InlineData(17, 0)]
    [InlineData(32, 1)]
    [InlineData(1000, 5)]
    [InlineData(1024, 6)]
    [InlineData(4096, 6)]
    public void SzxFromSize_RoundsDownToPowerOfTwo(int size, int szx) => Assert.Equal(szx, BlockOption.SzxFromSize(size));

    [Fact]
    public void Constructor_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockOption(BlockOption.MaxNumber + 1, false, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlockOption(0, false, 7));
    }
}
