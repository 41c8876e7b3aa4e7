using FastLwm2m.Coap.LinkFormat;

namespace FastLwm2m.Lwm2m.Client.Tests.Discover;

/// <summary>Discover (Core §6.3.2) and Write-Attributes (Core §6.3.4).</summary>
public class DiscoverAndAttributesTests
{
    private static string Links(IReadOnlyList<CoreLink>? links) => LinkFormatWriter.Format(links!);

    [Fact]
    public async Task DiscoverOfAnObject_ListsItsVersionInstancesAndResources()
    {
        await using var bed = await TestBed.StartAsync();

        var discover = await bed.Server.DiscoverAsync(bed.Registration, Lwm2mPath.Parse("/3"));

        Assert.True(discover.IsSuccess, discover.ToString());
        string links = Links(discover.Links);
        Assert.StartsWith("</3>;ver=1.2,</3/0>,</3/0/0>,", links);
        Assert.Contains("</3/0/4>,", links); // executable resources are listed
        Assert.Contains("</3/0/6>;dim=2,", links);
        Assert.Contains("</3/0/13>", links);
    }

    [Fact]
    public async Task DiscoverOfAResource_ListsItsInstancesAndAttributes()
    {
        await using var bed = await TestBed.StartAsync();
        var attributes = await bed.Server.WriteAttributesAsync(bed.Registration, Lwm2mPath.Parse("/3/0/7"), new NotificationAttributes { Pmin = 5, Pmax = 60 });

        var discover = await bed.Server.DiscoverAsync(bed.Registration, Lwm2mPath.Parse("/3/0/7"));

        Assert.Equal(Lwm2mResponseCode.Changed, attributes.Code);
        Assert.Equal("</3/0/7>;dim=2;pmin=5;pmax=60,</3/0/7/0>,</3/0/7/1>", Links(discover.Links));
    }

    [Fact]
    public async Task WriteAttributes_AddsAndRemovesAttributes()
    {
        await using var bed = await TestBed.StartAsync();
        var path = Lwm2mPath.Parse("/3/0/9");

        await bed.Server.WriteAttributesAsync(bed.Registration, path, new NotificationAttributes { Pmin = 1, GreaterThan = 50, LessThan = 10, Step = 5 });
        Assert.Equal(["pmin=1", "gt=50", "lt=10", "st=5"], bed.Client.GetAttributes(path));
        await bed.Server.WriteAttributesAsync(bed.Registration, path, new NotificationAttributes { Unset = ["gt", "st"] });

        Assert.Equal(["pmin=1", "lt=10"], bed.Client.GetAttributes(path));
        var discover = await bed.Server.DiscoverAsync(bed.Registration, Lwm2mPath.Parse("/3/0"));
        Assert.Contains("</3/0/9>;pmin=1;lt=10", Links(discover.Links));
    }

    [Theory]
    [InlineData("/3/0/0", "gt=5")] // not numeric
    [InlineData("/3/0", "st=1")] // not a resource
    [InlineData("/3/0/6", "lt=1")] // a multiple resource
    [InlineData("/3/0/9", "pmin=10&pmax=5")]
    [InlineData("/3/0/9", "epmin=10&epmax=5")]
    [InlineData("/3/0/9", "gt=5&lt=4&st=1")] // lt + 2*st must be below gt
    [InlineData("/3/0/9", "dim=3")] // read-only attribute
    [InlineData("/3/0/9", "pmin=-1")]
    public async Task InvalidAttributes_AreBadRequest(string path, string query)
    {
        await using var bed = await TestBed.StartAsync();
        var request = new FastLwm2m.Coap.CoapMessage(FastLwm2m.Coap.CoapCode.Put).SetUriPath(path);
        foreach (string item in query.Split('&'))
        {
            request.AddUriQuery(item);
        }

        var result = await bed.Server.SendAsync(bed.Registration, request).WaitAsync(TestBed.Timeout);

        Assert.Equal(FastLwm2m.Coap.CoapCode.BadRequest, result.Response!.Code);
        Assert.Empty(bed.Client.GetAttributes(Lwm2mPath.Parse(path)));
    }

    [Fact]
    public async Task AttributesOnAMissingPath_AreNotFound()
    {
        await using var bed = await TestBed.StartAsync();

        var response = await bed.Server.WriteAttributesAsync(bed.Registration, Lwm2mPath.Parse("/19/5"), new NotificationAttributes { Pmax = 10 });

        Assert.Equal(Lwm2mResponseCode.NotFound, response.Code);
    }

    [Fact]
    public async Task DiscoverOfTheSecurityObject_IsUnauthorized()
    {
        await using var bed = await TestBed.StartAsync();

        var discover = await bed.Server.DiscoverAsync(bed.Registration, Lwm2mPath.Parse("/0"));

        Assert.Equal(Lwm2mResponseCode.Unauthorized, discover.Code);
    }
}
