using FastLwm2m.Platform.Rpc;

namespace FastLwm2m.Platform.Tests.Rpc;

public class RpcCommandLineTests
{
    [Theory]
    [InlineData("Read {\"id\":\"/3/0/9\"}", "Read", "{\"id\":\"/3/0/9\"}")]
    [InlineData("WriteUpdate  {\"id\":\"/3/0\",\"value\":{\"14\":\"+5\"}}", "WriteUpdate", "{\"id\":\"/3/0\",\"value\":{\"14\":\"+5\"}}")]
    [InlineData("ObserveCancelAll", "ObserveCancelAll", null)]
    [InlineData("  DiscoverAll  ", "DiscoverAll", null)]
    [InlineData("ObserveCompositeCancel {\"ids\":[\"/5/0/7\"]} ", "ObserveCompositeCancel", "{\"ids\":[\"/5/0/7\"]}")]
    public void TryParse_GuideLines_SplitsMethodAndParams(string line, string method, string? paramsJson)
    {
        Assert.True(RpcCommandLine.TryParse(line, out string m, out string? p, out string? error), error);
        Assert.Equal(method, m);
        Assert.Equal(paramsJson, p);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"id\":\"/3/0/9\"}")]
    [InlineData("Read /3/0/9")]
    public void TryParse_NotACommand_Fails(string line)
    {
        Assert.False(RpcCommandLine.TryParse(line, out _, out _, out string? error));
        Assert.NotNull(error);
    }
}
