using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Tests.TestSupport;

namespace FastLwm2m.Platform.Tests.Rpc;

/// <summary>The guide's Write, Write-Attributes, Write-Composite, Execute, Create and Delete examples.</summary>
public class RpcWriteTests
{
    private const string Changed = "{\"result\":\"CHANGED\"}";

    [Fact]
    public async Task WriteUpdate_OfAnInstance_ChangesThoseResources()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.Equal(Changed, await bed.Json("WriteUpdate  {\"id\":\"/3/0\",\"value\":{\"14\":\"+5\",\"15\":\"Kiyv/Europe\"}}"));

        Assert.Equal("+5", Value(bed, "/3/0/14").AsString());
        Assert.Equal("Kiyv/Europe", Value(bed, "/3/0/15").AsString());
    }

    [Fact]
    public async Task WriteUpdate_OfMultipleResources_AddsResourceInstances()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.Equal(Changed, await bed.Json("WriteUpdate {\"id\": \"/19/0\",\"value\": {\"0\":{\"0\":\"00ad456756\", \"25\":\"25ad456756\"}}}"));
        Assert.Equal(Convert.FromHexString("25ad456756"), Value(bed, "/19/0/0/25").AsOpaque());

        Assert.Equal(Changed, await bed.Json("WriteUpdate {\"id\": \"/19/0/0\",\"value\": {\"0\":\"00ad456757\", \"26\":\"26ad456756\"}}"));
        Assert.Equal(Convert.FromHexString("00ad456757"), Value(bed, "/19/0/0/0").AsOpaque());
        Assert.Equal(Convert.FromHexString("26ad456756"), Value(bed, "/19/0/0/26").AsOpaque());
    }

    [Fact]
    public async Task WriteReplace_SingleMultipleAndByKey()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.Equal(Changed, await bed.Json("WriteReplace {\"id\":\"/19/0/0\",\"value\":\"0081\"}"));
        Assert.Equal(new byte[] { 0x00, 0x81 }, Value(bed, "/19/0/0/0").AsOpaque());

        Assert.Equal(Changed, await bed.Json("WriteReplace {\"key\":\"timezone\",\"value\":\"+10\"}"));
        Assert.Equal("+10", Value(bed, "/3/0/15").AsString());

        Assert.Equal(Changed, await bed.Json("WriteReplace {\"id\": \"/19_1.1/0/0\",\"value\": {\"0\":\"00ad456797\", \"25\":\"25ad456700\"}}"));
        Assert.Equal(Convert.FromHexString("25ad456700"), Value(bed, "/19/0/0/25").AsOpaque());
    }

    [Fact]
    public async Task WriteAttributes_SetsPminAndPmax()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.Equal(Changed, await bed.Json("WriteAttributes {\"id\":\"/19/0/0\",\"attributes\":{\"pmax\":120, \"pmin\":10}}"));
    }

    [Fact]
    public async Task WriteComposite_ByPathsVersionsAndKeys()
    {
        await using var bed = await RpcTestBed.StartAsync();

        Assert.Equal(Changed, await bed.Json("WriteComposite {\"nodes\":{\"/19_1.1/0\":{\"0\":{\"0\":\"00ad45675600\", \"25\":\"25ad45675600cdef\"}}, \"UtfOffset\":\"+04\", \"/3_1.0/0/15\":\"Kiyv/Europe\"}}"));

        Assert.Equal("+04", Value(bed, "/3/0/14").AsString());
        Assert.Equal("Kiyv/Europe", Value(bed, "/3/0/15").AsString());
        Assert.Equal(Convert.FromHexString("25ad45675600cdef"), Value(bed, "/19/0/0/25").AsOpaque());
    }

    [Fact]
    public async Task Execute_GuideExamples_AreChanged()
    {
        await using var bed = await RpcTestBed.StartAsync();
        int reboots = 0;
        bed.Client.GetInstance(3, 0)!.Executed += (_, id, _) => reboots += id == 4 ? 1 : 0;

        Assert.Equal(Changed, await bed.Json("Execute {\"id\":\"/3/0/4\"}"));
        Assert.Equal(1, reboots);

        // Firmware Update's Update (5/0/2) needs a downloaded package first.
        Assert.Equal(Changed, await bed.Json("WriteReplace {\"id\":\"/5/0/0\",\"value\":\"0102\"}"));
        Assert.Equal(Changed, await bed.Json("Execute {\"id\":\"5/0/2\"}"));

        Assert.Equal(Changed, await bed.Json("Execute {\"id\":\"1/0/8\"}"));
    }

    [Fact]
    public async Task CreateThenDelete_ReturnsCreatedAndDeleted()
    {
        await using var bed = await RpcTestBed.StartAsync();

        var created = await bed.Send("Create {\"id\":\"/19\",\"value\":{\"0\":{\"0\":\"01\"}}}");

        Assert.Equal("{\"result\":\"CREATED\",\"value\":\"/19/1\"}", created.ToJson());
        Assert.NotNull(bed.Client.GetInstance(19, 1));

        // The guide prints {"result":"DELETE"}; the CoAP response is 2.02 Deleted.
        Assert.Equal("{\"result\":\"DELETED\"}", await bed.Json("Delete {\"id\":\"/19/1\"}"));
        Assert.Null(bed.Client.GetInstance(19, 1));
    }

    private static Lwm2mValue Value(RpcTestBed bed, string path)
    {
        var p = Lwm2mPath.Parse(path);
        var resource = bed.Client.GetInstance(p.ObjectId, p.InstanceId)!.GetResource(p.ResourceId);
        return p.IsResourceInstance
            ? ((Lwm2mMultipleResource)resource!).Instances[p.ResourceInstanceId].Value
            : ((Lwm2mSingleResource)resource!).Value;
    }
}
