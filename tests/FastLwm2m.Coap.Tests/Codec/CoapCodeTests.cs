namespace FastLwm2m.Coap.Tests.Codec;

public class CoapCodeTests
{
    [Theory]
    [InlineData(0x00, 0, 0, "0.00", "EMPTY")]
    [InlineData(0x01, 0, 1, "0.01", "GET")]
    [InlineData(0x02, 0, 2, "0.02", "POST")]
    [InlineData(0x41, 2, 1, "2.01", "CREATED")]
    [InlineData(0x44, 2, 4, "2.04", "CHANGED")]
    [InlineData(0x45, 2, 5, "2.05", "CONTENT")]
    [InlineData(0x5F, 2, 31, "2.31", "CONTINUE")]
    [InlineData(0x82, 4, 2, "4.02", "BAD_OPTION")]
    [InlineData(0x84, 4, 4, "4.04", "NOT_FOUND")]
    [InlineData(0xA0, 5, 0, "5.00", "INTERNAL_SERVER_ERROR")]
    [InlineData(0x66, 3, 6, "3.06", "3.06")]
    public void ClassDetailAndName(byte value, int codeClass, int detail, string text, string name)
    {
        var code = new CoapCode(value);

        Assert.Equal(codeClass, code.Class);
        Assert.Equal(detail, code.Detail);
        Assert.Equal(text, code.ToString());
        Assert.Equal(name, code.Name);
        Assert.Equal(code, new CoapCode(codeClass, detail));
    }

    [Fact]
    public void Predicates()
    {
        Assert.True(CoapCode.Empty.IsEmpty);
        Assert.False(CoapCode.Empty.IsRequest);
        Assert.True(CoapCode.Get.IsRequest);
        Assert.False(CoapCode.Get.IsResponse);
        Assert.True(CoapCode.Content.IsResponse);
        Assert.True(CoapCode.Content.IsSuccess);
        Assert.True(CoapCode.NotFound.IsResponse);
        Assert.False(CoapCode.NotFound.IsSuccess);
        Assert.True(CoapCode.GatewayTimeout.IsResponse);
        Assert.False(new CoapCode(0xE0).IsResponse);
        Assert.Equal(0x44, CoapCode.Changed.Value);
        Assert.True(CoapCode.Changed == new CoapCode(2, 4));
        Assert.True(CoapCode.Changed != CoapCode.Content);
    }
}
