using FastLwm2m.Coap.LinkFormat;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Rpc;

namespace FastLwm2m.Platform.Tests.Rpc;

/// <summary>The renderer against the strings of the guide's RPC examples.</summary>
public class Lwm2mNodeRendererTests
{
    [Fact]
    public void Render_SingleResource_AsTheGuide()
    {
        Assert.Equal("LwM2mSingleResource [id=9, value=100, type=INTEGER]", Lwm2mNodeRenderer.Render(new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(100))));
        Assert.Equal("LwM2mSingleResource [id=0, value=Thingsboard Test Device, type=STRING]", Lwm2mNodeRenderer.Render(new Lwm2mSingleResource(0, Lwm2mValue.FromString("Thingsboard Test Device"))));
        Assert.Equal("LwM2mSingleResource [id=6, value=false, type=BOOLEAN]", Lwm2mNodeRenderer.Render(new Lwm2mSingleResource(6, Lwm2mValue.FromBoolean(false))));
        Assert.Equal("LwM2mSingleResource [id=7, value=, type=STRING]", Lwm2mNodeRenderer.Render(new Lwm2mSingleResource(7, Lwm2mValue.FromString(""))));
    }

    [Fact]
    public void Render_OpaqueResourceInstance_PrintsItsLength()
    {
        Assert.Equal("LwM2mResourceInstance [id=0, value=1Bytes, type=OPAQUE]", Lwm2mNodeRenderer.Render(new Lwm2mResourceInstance(0, Lwm2mValue.FromOpaque([0x01]))));
    }

    [Fact]
    public void Render_TimeAndFloatAndLink_AsJava()
    {
        Assert.Equal("LwM2mSingleResource [id=13, value=Thu Jul 01 13:39:49 UTC 2021, type=TIME]",
            Lwm2mNodeRenderer.Render(new Lwm2mSingleResource(13, Lwm2mValue.FromTime(new DateTimeOffset(2021, 7, 1, 13, 39, 49, TimeSpan.Zero)))));
        Assert.Equal("100.0", Lwm2mNodeRenderer.RenderValue(Lwm2mValue.FromFloat(100)));
        Assert.Equal("1.5", Lwm2mNodeRenderer.RenderValue(Lwm2mValue.FromFloat(1.5)));
        Assert.Equal("ObjectLink [objectId=3, objectInstanceId=0]", Lwm2mNodeRenderer.RenderValue(Lwm2mValue.FromObjectLink(new ObjectLink(3, 0))));
    }

    [Fact]
    public void Render_MultipleResource_AsTheGuide()
    {
        var errors = new Lwm2mMultipleResource(11, ResourceType.Integer, [new Lwm2mResourceInstance(0, Lwm2mValue.FromInteger(1))]);

        Assert.Equal("LwM2mMultipleResource [id=11, values={0=LwM2mResourceInstance [id=0, value=1, type=INTEGER]}, type=INTEGER]", Lwm2mNodeRenderer.Render(errors));
    }

    [Fact]
    public void RenderComposite_ObjectAndResource_AsTheGuidesReadComposite()
    {
        var server = new Lwm2mObject(1,
        [
            new Lwm2mObjectInstance(0,
            [
                new Lwm2mSingleResource(0, Lwm2mValue.FromInteger(123)),
                new Lwm2mSingleResource(1, Lwm2mValue.FromInteger(300)),
                new Lwm2mSingleResource(6, Lwm2mValue.FromBoolean(false)),
                new Lwm2mSingleResource(7, Lwm2mValue.FromString("U")),
                new Lwm2mSingleResource(22, Lwm2mValue.FromString("U")),
            ]),
        ]);

        string text = Lwm2mNodeRenderer.RenderComposite(
        [
            new(Lwm2mPath.Parse("/3/0/9"), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(75))),
            new(Lwm2mPath.Parse("/1_1.2"), server),
        ]);

        Assert.Equal(
            "{/3/0/9=LwM2mSingleResource [id=9, value=75, type=INTEGER], /1=LwM2mObject [id=1, instances={0=LwM2mObjectInstance [id=0, resources={"
            + "0=LwM2mSingleResource [id=0, value=123, type=INTEGER], 1=LwM2mSingleResource [id=1, value=300, type=INTEGER], "
            + "6=LwM2mSingleResource [id=6, value=false, type=BOOLEAN], 7=LwM2mSingleResource [id=7, value=U, type=STRING], "
            + "22=LwM2mSingleResource [id=22, value=U, type=STRING]}]}]}",
            text);
    }

    [Fact]
    public void RenderLinks_AsTheGuidesDiscover()
    {
        Assert.Equal("</3/0>,</3/0/0>,</3/0/1>", Lwm2mNodeRenderer.RenderLinks([new CoreLink("/3/0"), new CoreLink("/3/0/0"), new CoreLink("/3/0/1")]));
    }

    [Fact]
    public void ToJson_ShapesOfTheGuide()
    {
        Assert.Equal("{\"result\":\"CHANGED\"}", new RpcResult("CHANGED").ToJson());
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"</3/0/1>\"}", new RpcResult("CONTENT", "</3/0/1>").ToJson());
        Assert.Equal("{\"result\":\"CONTENT\",\"value\":\"[\\\"/5/0/7\\\"]\"}", new RpcResult("CONTENT", "[\"/5/0/7\"]").ToJson());
        Assert.Equal("{\"result\":\"BAD_REQUEST\",\"error\":\"Invalid object version. Required version: 1.1\"}", RpcResult.Failure("BAD_REQUEST", "Invalid object version. Required version: 1.1").ToJson());
    }
}
