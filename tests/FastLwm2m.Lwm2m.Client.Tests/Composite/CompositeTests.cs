using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Tests.Composite;

/// <summary>Read-Composite (Core §6.3.8) and Write-Composite (Core §6.3.9) in each composite format.</summary>
public class CompositeTests
{
    public static TheoryData<ushort> CompositeFormats => TestBed.CompositeFormats;

    [Theory]
    [MemberData(nameof(CompositeFormats))]
    public async Task ReadComposite_ReturnsEachPath(ushort format)
    {
        await using var bed = await TestBed.StartAsync();

        var read = await bed.Server.ReadCompositeAsync(bed.Registration, [Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/1/0/1"), Lwm2mPath.Parse("/19/0/0")], format);

        Assert.True(read.IsSuccess, read.ToString());
        Assert.Equal(format, read.ContentFormat);
        var values = Flatten(read.CompositeContent!);
        Assert.Equal(Lwm2mValue.FromInteger(100), values[Lwm2mPath.Parse("/3/0/9")]);
        Assert.Equal(Lwm2mValue.FromInteger(60), values[Lwm2mPath.Parse("/1/0/1")]);
        Assert.Equal(new byte[] { 1, 2, 3 }, values[Lwm2mPath.Parse("/19/0/0/0")].AsOpaque());
    }

    [Theory]
    [MemberData(nameof(CompositeFormats))]
    public async Task ReadCompositeOfALargeValue_ComesBackBlockwise(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        var blob = new byte[5000];
        new Random(5).NextBytes(blob);
        bed.Client.GetInstance(19, 0)!.SetValues(0, Lwm2mValue.FromOpaque(blob));

        var read = await bed.Server.ReadCompositeAsync(bed.Registration, [Lwm2mPath.Parse("/19/0/0"), Lwm2mPath.Parse("/3/0/9")], format);

        Assert.True(read.IsSuccess, read.ToString());
        Assert.Equal(blob, Flatten(read.CompositeContent!)[Lwm2mPath.Parse("/19/0/0/0")].AsOpaque());
    }

    [Fact]
    public async Task ReadComposite_LeavesOutPathsThatDoNotExist_AndRefusesSecurity()
    {
        await using var bed = await TestBed.StartAsync();

        var read = await bed.Server.ReadCompositeAsync(bed.Registration, [Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/19/8")]);
        var security = await bed.Server.ReadCompositeAsync(bed.Registration, [Lwm2mPath.Parse("/3/0/9"), Lwm2mPath.Parse("/0/0")]);

        Assert.Equal([Lwm2mPath.Parse("/3/0/9")], Flatten(read.CompositeContent!).Keys);
        Assert.Equal(Lwm2mResponseCode.Unauthorized, security.Code);
    }

    [Theory]
    [MemberData(nameof(CompositeFormats))]
    public async Task WriteComposite_WritesEveryPath(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        KeyValuePair<Lwm2mPath, Lwm2mNode?>[] nodes =
        [
            new(Lwm2mPath.Parse("/3/0/14"), new Lwm2mSingleResource(14, Lwm2mValue.FromString("+01:00"))),
            new(Lwm2mPath.Parse("/19/0/0/1"), new Lwm2mResourceInstance(1, Lwm2mValue.FromOpaque([0x11]))),
            new(Lwm2mPath.Parse("/19/0/1"), new Lwm2mSingleResource(1, Lwm2mValue.FromInteger(7))),
        ];

        var write = await bed.Server.WriteCompositeAsync(bed.Registration, nodes, format);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        Assert.Equal(Lwm2mValue.FromString("+01:00"), bed.Client.Device!.GetValue(14));
        var container = bed.Client.GetInstance(19, 0)!;
        Assert.Equal([0, 1], Assert.IsType<Lwm2mMultipleResource>(container.GetResource(0)).Instances.Keys);
        Assert.Equal(Lwm2mValue.FromInteger(7), container.GetValue(1));
    }

    [Theory]
    [MemberData(nameof(CompositeFormats))]
    public async Task WriteComposite_WithAReadOnlyPath_AppliesNothing(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        KeyValuePair<Lwm2mPath, Lwm2mNode?>[] nodes =
        [
            new(Lwm2mPath.Parse("/3/0/14"), new Lwm2mSingleResource(14, Lwm2mValue.FromString("+05:00"))),
            new(Lwm2mPath.Parse("/3/0/9"), new Lwm2mSingleResource(9, Lwm2mValue.FromInteger(1))),
        ];

        var write = await bed.Server.WriteCompositeAsync(bed.Registration, nodes, format);

        Assert.Equal(Lwm2mResponseCode.MethodNotAllowed, write.Code);
        Assert.Equal(Lwm2mValue.FromString("+00:00"), bed.Client.Device!.GetValue(14));
    }

    [Theory]
    [MemberData(nameof(CompositeFormats))]
    public async Task WriteComposite_APathWithoutValue_RemovesAResourceInstance(ushort format)
    {
        await using var bed = await TestBed.StartAsync();
        bed.Client.GetInstance(19, 0)!.SetValue(0, 1, Lwm2mValue.FromOpaque([0x01]));

        var write = await bed.Server.WriteCompositeAsync(bed.Registration, [new(Lwm2mPath.Parse("/19/0/0/1"), null)], format);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        Assert.Equal([0], Assert.IsType<Lwm2mMultipleResource>(bed.Client.GetInstance(19, 0)!.GetResource(0)).Instances.Keys);
    }

    [Fact]
    public async Task Fetch_OnAPathOtherThanTheRoot_IsMethodNotAllowed()
    {
        await using var bed = await TestBed.StartAsync();

        var result = await bed.Server.SendAsync(bed.Registration, CompositeFetch("/3/0")).WaitAsync(TestBed.Timeout);

        Assert.Equal(CoapCode.MethodNotAllowed, result.Response!.Code);
    }

    [Fact]
    public async Task Lwm2m10Client_RefusesCompositeOperations()
    {
        await using var bed = await TestBed.StartAsync(o => o.Version = Lwm2mVersion.V1_0);

        var result = await bed.Server.SendAsync(bed.Registration, CompositeFetch("/")).WaitAsync(TestBed.Timeout);

        Assert.Equal(CoapCode.MethodNotAllowed, result.Response!.Code);
    }

    private static CoapMessage CompositeFetch(string path)
    {
        var request = new CoapMessage(CoapCode.Fetch).SetUriPath(path);
        request.ContentFormat = CoapContentFormat.SenmlJson;
        request.Payload = "[{\"n\":\"/3/0/9\"}]"u8.ToArray();
        return request;
    }

    /// <summary>Every value in composite content by its full path (resources expanded to their instances).</summary>
    internal static Dictionary<Lwm2mPath, Lwm2mValue> Flatten(IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> content)
    {
        var values = new Dictionary<Lwm2mPath, Lwm2mValue>();
        void Add(Lwm2mPath path, Lwm2mNode? node)
        {
            switch (node)
            {
                case Lwm2mObject o:
                    foreach (var i in o.Instances.Values) Add(path.Append(i.Id), i);
                    break;
                case Lwm2mObjectInstance i:
                    foreach (var r in i.Resources.Values) Add(path.Append(r.Id), r);
                    break;
                case Lwm2mMultipleResource m:
                    foreach (var ri in m.Instances.Values) Add(path.Append(ri.Id), ri);
                    break;
                case Lwm2mSingleResource s:
                    values[path] = s.Value;
                    break;
                case Lwm2mResourceInstance ri:
                    values[path] = ri.Value;
                    break;
            }
        }

        foreach (var (path, node) in content)
        {
            Add(path, node);
        }

        return values;
    }
}
