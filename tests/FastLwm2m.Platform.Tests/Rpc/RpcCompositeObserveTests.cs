using FastLwm2m.Platform.Tests.TestSupport;

namespace FastLwm2m.Platform.Tests.Rpc;

/// <summary>The guide's Read-Composite, Observe, Observe-Composite and cancel examples.</summary>
public class RpcCompositeObserveTests
{
    [Fact]
    public async Task ReadComposite_ResourceAndObject_AsTheGuide()
    {
        await using var bed = await RpcTestBed.StartAsync();

        var result = await bed.Send("ReadComposite {\"ids\":[\"/3/0/9\", \"/1_1.2\"]}");

        Assert.Equal("CONTENT", result.Result);
        Assert.StartsWith("{/3/0/9=LwM2mSingleResource [id=9, value=100, type=INTEGER], /1=LwM2mObject [id=1, instances={0=LwM2mObjectInstance [id=0, resources={0=LwM2mSingleResource [id=0, value=123, type=INTEGER], 1=LwM2mSingleResource [id=1, value=60, type=INTEGER], ", result.Value);
        Assert.EndsWith("]}]}]}", result.Value);
        Assert.Equal(2, result.CompositeNodes!.Count);
    }

    [Fact]
    public async Task ReadComposite_ByKeys_AndInstances()
    {
        await using var bed = await RpcTestBed.StartAsync();

        var byKeys = await bed.Send("ReadComposite {\"keys\":[\"state\", \"updateResult\", \"pkgversion\", \"batteryLevel\"]}");
        var instances = await bed.Send("ReadComposite {\"ids\":[\"/3/0\", \"/1_1.2/0\"]}");

        Assert.Matches(@"^\{/5/0/3=LwM2mSingleResource \[id=3, value=0, type=INTEGER\], /5/0/5=LwM2mSingleResource \[id=5, value=0, type=INTEGER\], /5/0/7=LwM2mSingleResource \[id=7, value=[^,]*, type=STRING\], /3/0/9=LwM2mSingleResource \[id=9, value=100, type=INTEGER\]\}$", byKeys.Value);
        Assert.StartsWith("{/3/0=LwM2mObjectInstance [id=0, resources={0=LwM2mSingleResource [id=0, value=FastLwm2m, type=STRING], ", instances.Value);
        Assert.Contains("], /1/0=LwM2mObjectInstance [id=0, resources={0=LwM2mSingleResource [id=0, value=123, type=INTEGER], ", instances.Value);
    }

    [Fact]
    public async Task Observe_ResourceAndInstance_ReturnTheCurrentValue_ThenCancelByIdAndKey()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"LwM2mSingleResource [id=9, value=100, type=INTEGER]\"}", await bed.Json("Observe {\"id\":\"/3/0/9\"}"));
        var instance = await bed.Send("Observe {\"id\":\"/3/0\"}");
        Assert.StartsWith("LwM2mObjectInstance [id=0, resources={", instance.Value);
        Assert.Equal("CONTENT", (await bed.Send("Observe {\"id\":\"/5/0/7\"}")).Result);
        Assert.Equal("CONTENT", (await bed.Send("Observe {\"id\":\"/5/0/5\"}")).Result);

        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"[\\\"/3/0/9\\\",\\\"/3/0\\\",\\\"/5/0/7\\\",\\\"/5/0/5\\\"]\"}", await bed.Json("ObserveReadAll"));
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"1\"}", await bed.Json("ObserveCancel {\"id\":\"/5/0/7\"}"));
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"1\"}", await bed.Json("ObserveCancel {\"key\":\"updateResult\"}"));
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"2\"}", await bed.Json("ObserveCancelAll"));
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"[]\"}", await bed.Json("ObserveReadAll"));
    }

    [Fact]
    public async Task ObserveComposite_ThenCancel_AsTheGuide()
    {
        await using var bed = await RpcTestBed.StartAsync();
        Assert.Equal("CREATED", (await bed.Send("Create {\"id\":\"/19/1\",\"value\":{\"0\":{\"0\":\"01\"}}}")).Result);
        const string Ids = "{\"ids\":[\"/5/0/7\", \"/5/0/5\", \"/5/0/3\", \"/3/0/9\", \"/19/1/0/0\"]}";

        var observed = await bed.Send("ObserveComposite " + Ids);

        Assert.Equal("CONTENT", observed.Result);
        Assert.Matches(@"^\{/5/0/7=LwM2mSingleResource \[id=7, value=[^,]*, type=STRING\], /5/0/5=LwM2mSingleResource \[id=5, value=0, type=INTEGER\], /5/0/3=LwM2mSingleResource \[id=3, value=0, type=INTEGER\], /3/0/9=LwM2mSingleResource \[id=9, value=100, type=INTEGER\], /19/1/0/0=LwM2mResourceInstance \[id=0, value=1Bytes, type=OPAQUE\]\}$", observed.Value);
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"1\"}", await bed.Json("ObserveCompositeCancel " + Ids));
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"0\"}", await bed.Json("ObserveCancelAll"));
    }

    [Fact]
    public async Task ObserveComposite_WithVersionsAndAnObject()
    {
        await using var bed = await RpcTestBed.StartAsync();
        Assert.Equal("CREATED", (await bed.Send("Create {\"id\":\"/19/1\",\"value\":{\"0\":{\"0\":\"01\"}}}")).Result);

        var observed = await bed.Send("ObserveComposite {\"ids\":[\"/5_1.2/0/7\", \"/5_1.2/0/5\", \"/5_1.2/0/3\", \"/3\", \"/19_1.1/1/0/0\"]}");

        Assert.Equal("CONTENT", observed.Result);
        Assert.Contains("/3=LwM2mObject [id=3, instances={0=LwM2mObjectInstance [id=0, resources={0=LwM2mSingleResource [id=0, value=FastLwm2m, type=STRING], ", observed.Value);
        Assert.Contains("/19/1/0/0=LwM2mResourceInstance [id=0, value=1Bytes, type=OPAQUE]", observed.Value);
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"1\"}", await bed.Json("ObserveCancelAll"));
    }
}
