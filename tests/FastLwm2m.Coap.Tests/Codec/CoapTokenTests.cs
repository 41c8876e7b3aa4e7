namespace FastLwm2m.Coap.Tests.Codec;

public class CoapTokenTests
{
    [Theory]
    [InlineData("")]
    [InlineData("20")]
    [InlineData("0102030405060708")]
    [InlineData("00")]
    [InlineData("0000")]
    public void Constructor_RoundTripsBytes(string hex)
    {
        var bytes = Hex.Parse(hex);

        var token = new CoapToken(bytes);

        Assert.Equal(bytes.Length, token.Length);
        Assert.Equal(bytes, token.ToArray());
        Assert.Equal(hex, token.ToString());
        Assert.True(token.Equals(bytes));
    }

    [Fact]
    public void Equality_DistinguishesLengthOfZeroBytes()
    {
        Assert.NotEqual(new CoapToken([0x00]), new CoapToken([0x00, 0x00]));
        Assert.NotEqual(CoapToken.Empty, new CoapToken([0x00]));
        Assert.Equal(new CoapToken([0xaa, 0xbb]), new CoapToken([0xaa, 0xbb]));
        Assert.True(new CoapToken([0xaa]) == new CoapToken([0xaa]));
        Assert.True(new CoapToken([0xaa]) != new CoapToken([0xab]));
        Assert.Equal(new CoapToken([1, 2]).GetHashCode(), new CoapToken([1, 2]).GetHashCode());
    }

    [Fact]
    public void Constructor_MoreThanEightBytes_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CoapToken(new byte[9]));
        Assert.False(new CoapToken([1]).Equals(new byte[9]));
    }

    [Fact]
    public void FromUInt64_TakesHighOrderBytes()
    {
        Assert.Equal("0102", CoapToken.FromUInt64(0x0102030405060708, 2).ToString());
        Assert.Equal(0, CoapToken.FromUInt64(ulong.MaxValue, 0).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => CoapToken.FromUInt64(0, 9));
    }

    [Fact]
    public void CopyTo_WritesLengthBytes()
    {
        Span<byte> destination = stackalloc byte[8];
        destination.Fill(0xEE);

        int n = new CoapToken([0xaa, 0xbb, 0xcc]).CopyTo(destination);

        Assert.Equal(3, n);
        Assert.Equal("aabbccee", Hex.Format(destination[..4]));
    }
}
