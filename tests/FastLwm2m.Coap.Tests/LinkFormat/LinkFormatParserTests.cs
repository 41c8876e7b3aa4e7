using FastLwm2m.Coap.LinkFormat;

namespace FastLwm2m.Coap.Tests.LinkFormat;

public class LinkFormatParserTests
{
    private static IReadOnlyList<CoreLink> ParseOk(string text)
    {
        bool ok = LinkFormatParser.TryParse(text, out IReadOnlyList<CoreLink> links, out LinkFormatError error);
        Assert.True(ok, $"'{text}' failed: {error}");
        Assert.Equal(LinkFormatError.None, error);
        return links;
    }

    private static LinkAttribute A(string name, string? value = null) => new(name, value);

    // RFC 6690 §5, first example.
    [Fact]
    public void Rfc6690_Section5_InterfaceExample()
    {
        var links = ParseOk("</sensors/temp>;if=\"sensor\",</sensors/light>;if=\"sensor\"");

        Assert.Equal(
            [new CoreLink("/sensors/temp", A("if", "sensor")), new CoreLink("/sensors/light", A("if", "sensor"))],
            links);
        Assert.True(links[0].Attributes[0].IsQuoted);
    }

    // RFC 6690 §5, the long example with absolute URI, anchor and rel.
    [Fact]
    public void Rfc6690_Section5_AnchorAndRelExample()
    {
        const string text =
            "</sensors>;ct=40;title=\"Sensor Index\"," +
            "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\"," +
            "</sensors/light>;rt=\"light-lux\";if=\"sensor\"," +
            "<http://www.example.com/sensors/t123>;anchor=\"/sensors/temp\";rel=\"describedby\"," +
            "</t>;anchor=\"/sensors/temp\";rel=\"alternate\"";

        var links = ParseOk(text);

        Assert.Equal(
            [
                new CoreLink("/sensors", A("ct", "40"), A("title", "Sensor Index")),
                new CoreLink("/sensors/temp", A("rt", "temperature-c"), A("if", "sensor")),
                new CoreLink("/sensors/light", A("rt", "light-lux"), A("if", "sensor")),
                new CoreLink("http://www.example.com/sensors/t123", A("anchor", "/sensors/temp"), A("rel", "describedby")),
                new CoreLink("/t", A("anchor", "/sensors/temp"), A("rel", "alternate")),
            ],
            links);
        Assert.True(links[0].TryGetUInt32("ct", out uint ct));
        Assert.Equal(40u, ct);
        Assert.Equal("temperature-c", links[1].ResourceType);
    }

    // RFC 6690 §5: multiple space-separated rt values in one quoted-string.
    [Fact]
    public void Rfc6690_Section5_MultipleResourceTypes()
    {
        var links = ParseOk("</sensors/temp>;rt=\"temperature-c sensor\";if=\"sensor\"");

        Assert.True(links[0].HasResourceType("temperature-c"));
        Assert.True(links[0].HasResourceType("sensor"));
        Assert.False(links[0].HasResourceType("temperature"));
    }

    // LwM2M 1.1 Core §6.2.1: Register payload with the root link carrying rt and ct.
    [Fact]
    public void Lwm2m11_RegisterPayload()
    {
        var links = ParseOk("</>;rt=\"oma.lwm2m\";ct=11543,</1>;ver=1.1,</1/0>,</3>;ver=1.2,</3/0>,</5/0>,</19/0>,</19/1>");

        Assert.Equal(8, links.Count);
        Assert.Equal(new CoreLink("/", A("rt", "oma.lwm2m"), A("ct", "11543")), links[0]);
        Assert.Equal("oma.lwm2m", links[0].ResourceType);
        Assert.True(links[0].TryGetContentFormats(out ushort[] formats));
        Assert.Equal([CoapContentFormat.Lwm2mJson], formats);
        Assert.True(links[1].TryGetVersion(out int major, out int minor));
        Assert.Equal((1, 1), (major, minor));
        Assert.True(links[3].TryGetVersion(out major, out minor));
        Assert.Equal((1, 2), (major, minor));
        Assert.Equal(["/", "/1", "/1/0", "/3", "/3/0", "/5/0", "/19/0", "/19/1"], links.Select(l => l.Uri));
        Assert.All(links.Skip(4), l => Assert.Empty(l.Attributes));
    }

    // LwM2M 1.0: objects under an alternate path given by the rt="oma.lwm2m" link.
    [Fact]
    public void Lwm2m10_RegisterPayloadWithAlternatePath()
    {
        var links = ParseOk("</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/0>,</lwm2m/3/0>");

        Assert.Equal(
            [new CoreLink("/lwm2m", A("rt", "oma.lwm2m")), new CoreLink("/lwm2m/1/0"), new CoreLink("/lwm2m/3/0")],
            links);
        Assert.True(links[0].HasResourceType("oma.lwm2m"));
    }

    // LwM2M 1.1 Core §5.5.1: Discover response with attributes and dim.
    [Fact]
    public void Lwm2m_DiscoverResponse()
    {
        var links = ParseOk("</3/0>;pmin=10;pmax=60,</3/0/1>,</3/0/2>,</3/0/6>;dim=2,</3/0/7>;dim=2;gt=20.5;lt=-3.25;st=1e2");

        Assert.True(links[0].TryGetUInt32("pmin", out uint pmin));
        Assert.Equal(10u, pmin);
        Assert.True(links[0].TryGetUInt32("pmax", out uint pmax));
        Assert.Equal(60u, pmax);
        Assert.True(links[3].TryGetUInt32("dim", out uint dim));
        Assert.Equal(2u, dim);
        Assert.True(links[4].TryGetDouble("gt", out double gt));
        Assert.Equal(20.5, gt);
        Assert.True(links[4].TryGetDouble("lt", out double lt));
        Assert.Equal(-3.25, lt);
        Assert.True(links[4].TryGetDouble("st", out double st));
        Assert.Equal(100, st);
    }

    // LwM2M 1.1 Bootstrap-Discover: ssid and uri attributes.
    [Fact]
    public void Lwm2m_BootstrapDiscoverResponse()
    {
        var links = ParseOk("</>;lwm2m=1.1,</0/0>;uri=\"coap://bootstrap.example.com\",</0/1>;ssid=101;uri=\"coaps://x:5684\",</1/0>;ssid=101");

        Assert.Equal("1.1", links[0].GetAttribute("lwm2m"));
        Assert.Equal("coap://bootstrap.example.com", links[1].GetAttribute("uri"));
        Assert.True(links[2].TryGetUInt32("ssid", out uint ssid));
        Assert.Equal(101u, ssid);
        Assert.Equal("coaps://x:5684", links[2].GetAttribute("uri"));
    }

    [Fact]
    public void NameOnlyAttribute_HasNullValue()
    {
        var links = ParseOk("</3/0/13>;obs;ct=0");

        Assert.True(links[0].TryGetAttribute("obs", out string? value));
        Assert.Null(value);
        Assert.True(links[0].HasAttribute("obs"));
        Assert.False(links[0].Attributes[0].HasValue);
        Assert.Equal(new CoreLink("/3/0/13", A("obs"), A("ct", "0")), links[0]);
    }

    [Theory]
    [InlineData("</1/0>, </3/0>")]
    [InlineData("</1/0> ,</3/0>")]
    [InlineData("  </1/0>\r\n,\r\n</3/0>  ")]
    [InlineData("</1/0>,\t</3/0>\n")]
    [InlineData("</1/0>,</3/0>\r\n")]
    public void WhitespaceAroundCommas_IsTolerated(string text)
    {
        Assert.Equal([new CoreLink("/1/0"), new CoreLink("/3/0")], ParseOk(text));
    }

    [Theory]
    [InlineData("</3>; ver=1.2 ;obs")]
    [InlineData("</3> ;ver = 1.2; obs ")]
    [InlineData("</3>;ver=\t1.2;obs\n")]
    public void WhitespaceAroundSemicolonsAndEquals_IsTolerated(string text)
    {
        Assert.Equal([new CoreLink("/3", A("ver", "1.2"), A("obs"))], ParseOk(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("\r\n\t ")]
    public void EmptyPayload_IsZeroLinks(string text)
    {
        Assert.Empty(ParseOk(text));
    }

    [Fact]
    public void EscapedQuotesAndBackslashes_AreUnescaped()
    {
        var links = ParseOk("</a>;title=\"say \\\"hi\\\" \\\\ bye\";x=\"a\\b\"");

        Assert.Equal("say \"hi\" \\ bye", links[0].GetAttribute("title"));
        Assert.Equal("ab", links[0].GetAttribute("x")); // quoted-pair: '\b' is 'b'
    }

    [Fact]
    public void QuotedString_MayHoldSeparators()
    {
        var links = ParseOk("</a>;title=\"x,<y>;z=1\",</b>");

        Assert.Equal(2, links.Count);
        Assert.Equal("x,<y>;z=1", links[0].GetAttribute("title"));
    }

    [Fact]
    public void ContentFormatList_InQuotes()
    {
        var links = ParseOk("</5>;ct=\"40 11543  60\"");

        Assert.True(links[0].TryGetContentFormats(out ushort[] formats));
        Assert.Equal([(ushort)40, (ushort)11543, (ushort)60], formats);
        Assert.True(links[0].HasContentFormat(11543));
        Assert.False(links[0].HasContentFormat(11542));
    }

    [Theory]
    [InlineData("</5>;ct=\"40 x\"")]
    [InlineData("</5>;ct=70000")]
    [InlineData("</5>;ct=\"\"")]
    [InlineData("</5>;ct")]
    [InlineData("</5>")]
    public void ContentFormats_InvalidOrAbsent_IsFalse(string text)
    {
        Assert.False(ParseOk(text)[0].TryGetContentFormats(out ushort[] formats));
        Assert.Empty(formats);
    }

    [Theory]
    [InlineData("ver=1")]
    [InlineData("ver=1.1.1")]
    [InlineData("ver=.1")]
    [InlineData("ver=1.")]
    [InlineData("ver=a.b")]
    [InlineData("ver")]
    [InlineData("x=1.0")]
    public void Version_Malformed_IsFalse(string parameter)
    {
        Assert.False(ParseOk($"</1>;{parameter}")[0].TryGetVersion(out _, out _));
    }

    [Fact]
    public void UInt32_RejectsSignsAndNonDigits()
    {
        var link = ParseOk("</1>;a=-1;b=+1;c=1.5;d=4294967296;e=\"7\"")[0];

        Assert.False(link.TryGetUInt32("a", out _));
        Assert.False(link.TryGetUInt32("b", out _));
        Assert.False(link.TryGetUInt32("c", out _));
        Assert.False(link.TryGetUInt32("d", out _));
        Assert.True(link.TryGetUInt32("e", out uint e));
        Assert.Equal(7u, e);
        Assert.False(link.TryGetUInt32("missing", out _));
    }

    [Fact]
    public void AttributeLookup_IgnoresCase_AndReturnsFirstDuplicate()
    {
        var link = ParseOk("</1>;RT=\"a\";rt=\"b\"")[0];

        Assert.Equal("a", link.GetAttribute("rt"));
        Assert.Equal(2, link.Attributes.Length);
    }

    [Fact]
    public void EmptyUriAndEmptyQuotedValue_AreAccepted()
    {
        Assert.Equal([new CoreLink("", A("title", ""))], ParseOk("<>;title=\"\""));
    }

    [Fact]
    public void ExtNameStar_IsAName()
    {
        var link = ParseOk("</a>;title*=UTF-8'de'n%c3%a4chstes")[0];

        Assert.Equal("UTF-8'de'n%c3%a4chstes", link.GetAttribute("title*"));
    }

    [Fact]
    public void NonAsciiUtf8_InUriAndValues()
    {
        var links = ParseOk("</é/ü>;title=\"größe €\";x=ñ");

        Assert.Equal("/é/ü", links[0].Uri);
        Assert.Equal("größe €", links[0].GetAttribute("title"));
        Assert.Equal("ñ", links[0].GetAttribute("x"));
    }

    [Fact]
    public void Failure_GivesEmptyLinksAndStatusWithOffset()
    {
        bool ok = LinkFormatParser.TryParse("</1>,</2", out IReadOnlyList<CoreLink> links, out LinkFormatError error);

        Assert.False(ok);
        Assert.Empty(links);
        Assert.Equal(new LinkFormatError(LinkFormatStatus.UnterminatedUri, 5), error);
        Assert.Equal("UnterminatedUri at byte 5", error.ToString());
    }

    [Fact]
    public void Parse_ThrowsFormatExceptionNamingTheError()
    {
        var exception = Assert.Throws<FormatException>(() => LinkFormatParser.Parse("</1>;"));
        Assert.Contains("BadAttribute at byte 5", exception.Message);
    }

    [Fact]
    public void Parse_Utf8Bytes()
    {
        Assert.Equal([new CoreLink("/1/0")], LinkFormatParser.Parse("</1/0>"u8));
    }
}
