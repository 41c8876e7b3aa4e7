using FastLwm2m.Platform.Tests.TestSupport;

namespace FastLwm2m.Platform.Tests.Rpc;

/// <summary>The guide's Read and Discover examples, end to end against the client library.</summary>
public class RpcReadDiscoverTests
{
    [Fact]
    public async Task ReadById_ReturnsTheSingleResource()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"LwM2mSingleResource [id=9, value=100, type=INTEGER]\"}", await bed.Json("Read {\"id\":\"/3/0/9\"}"));
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"LwM2mSingleResource [id=9, value=100, type=INTEGER]\"}", await bed.Json("Read {\"id\":\"/3_1.0/0/9\"}"));
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"LwM2mSingleResource [id=9, value=100, type=INTEGER]\"}", await bed.Json("Read {\"key\":\"batteryLevel\"}"));
    }

    [Fact]
    public async Task ReadObjectInstance_RendersEveryResource()
    {
        await using var bed = await RpcTestBed.StartAsync();

        var result = await bed.Send("Read {\"id\":\"/3/0\"}");

        Assert.Equal("CONTENT", result.Result);
        Assert.StartsWith("LwM2mObjectInstance [id=0, resources={0=LwM2mSingleResource [id=0, value=FastLwm2m, type=STRING], ", result.Value);
        Assert.Contains(", 9=LwM2mSingleResource [id=9, value=100, type=INTEGER], ", result.Value);
        Assert.Matches(@"11=LwM2mMultipleResource \[id=11, values=\{0=LwM2mResourceInstance \[id=0, value=\d+, type=INTEGER\]\}, type=INTEGER\]", result.Value);
        Assert.EndsWith("]}]", result.Value);
        Assert.IsType<FastLwm2m.Lwm2m.Lwm2mObjectInstance>(result.Node);
    }

    [Fact]
    public async Task Discover_ReturnsLinkFormat()
    {
        await using var bed = await RpcTestBed.StartAsync();

        var objectLinks = await bed.Send("Discover {\"id\":\"/3\"}");
        var instanceLinks = await bed.Send("Discover {\"id\":\"/3/0\"}");

        Assert.Equal("CONTENT", objectLinks.Result);
        Assert.StartsWith("</3>", objectLinks.Value);
        Assert.Contains(",</3/0/0>,</3/0/1>,</3/0/2>,", objectLinks.Value);
        Assert.StartsWith("</3/0>,</3/0/0>,</3/0/1>,", instanceLinks.Value);
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"</3/0/1>\"}", await bed.Json("Discover {\"id\":\"/3/0/1\"}"));
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"</3/0/9>\"}", await bed.Json("Discover {\"key\":\"batteryLevel\"}"));
    }

    [Fact]
    public async Task DiscoverAll_ReturnsTheRegisteredTree_WithoutAskingTheClient()
    {
        await using var bed = await RpcTestBed.StartAsync();

        var result = await bed.Send("DiscoverAll");

        Assert.Equal("CONTENT", result.Result);
        Assert.StartsWith("[{\"url\":\"/\",\"attributes\":{", result.Value);
        Assert.Contains("\"rt\":\"\\\"oma.lwm2m\\\"\"", result.Value);
        Assert.Contains("{\"url\":\"/1\",\"attributes\":{\"ver\":\"1.2\"}},{\"url\":\"/1/0\",\"attributes\":{}}", result.Value);
        Assert.Contains("{\"url\":\"/3/0\",\"attributes\":{}}", result.Value);
        Assert.DoesNotContain("\"/3\"", result.Value);
        Assert.Contains("{\"url\":\"/19\",\"attributes\":{\"ver\":\"1.1\"}},{\"url\":\"/19/0\",\"attributes\":{}}", result.Value);
        Assert.StartsWith("{\"result\":\"CONTENT\",\"value\":\"[{\\\"url\\\":\\\"/\\\",", result.ToJson());
    }
}
