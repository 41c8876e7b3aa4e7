using System.Text;

namespace FastLwm2m.Lwm2m.Client.Tests.Unit;

public class ExecuteArgumentsTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("0", 1)]
    [InlineData("0='http://x.y/z',1", 2)]
    [InlineData("3='a,b',12=''", 2)]
    public void TryParse_AcceptsTheCoreGrammar(string text, int count)
    {
        Assert.True(ExecuteArguments.TryParse(Encoding.UTF8.GetBytes(text), out var arguments, out string? error), error);
        Assert.Equal(count, arguments!.Count);
    }

    [Fact]
    public void TryParse_GivesValuesByNumber()
    {
        Assert.True(ExecuteArguments.TryParse("0='http://x.y/z',1,3='a,b'"u8, out var arguments, out _));

        Assert.Equal("http://x.y/z", arguments![0]);
        Assert.True(arguments.Contains(1));
        Assert.Null(arguments[1]);
        Assert.Equal("a,b", arguments[3]);
        Assert.False(arguments.Contains(2));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0=")]
    [InlineData("0=abc")]
    [InlineData("0='abc")]
    [InlineData("0,0")]
    [InlineData("0;1")]
    [InlineData("0,")]
    [InlineData("123456")]
    public void TryParse_RefusesWhatIsNotInTheGrammar(string text)
    {
        Assert.False(ExecuteArguments.TryParse(Encoding.UTF8.GetBytes(text), out var arguments, out string? error));
        Assert.Null(arguments);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_RefusesInvalidUtf8()
    {
        Assert.False(ExecuteArguments.TryParse([0x30, 0x3D, 0x27, 0xFF, 0x27], out _, out _));
    }
}
