using System.Buffers;
using System.Text;
using FastLwm2m.Coap.LinkFormat;

namespace FastLwm2m.Coap.Tests.LinkFormat;

public class LinkFormatWriterTests
{
    private static LinkAttribute A(string name, string? value = null, bool quoted = false) => new(name, value, quoted);

    [Fact]
    public void Format_Lwm2mRegisterPayload_MatchesTheSpecExample()
    {
        CoreLink[] links =
        [
            new("/", A("rt", "oma.lwm2m"), A("ct", "11543")),
            new("/1", A("ver", "1.1")),
            new("/1/0"),
            new("/3", A("ver", "1.2")),
            new("/3/0"),
        ];

        Assert.Equal("</>;rt=\"oma.lwm2m\";ct=11543,</1>;ver=1.1,</1/0>,</3>;ver=1.2,</3/0>", LinkFormatWriter.Format(links));
    }

    [Theory]
    [InlineData("rt", "x", "rt=\"x\"")]
    [InlineData("if", "sensor", "if=\"sensor\"")]
    [InlineData("anchor", "/a", "anchor=\"/a\"")]
    [InlineData("title", "T", "title=\"T\"")]
    [InlineData("RT", "x", "RT=\"x\"")]
    [InlineData("ct", "40", "ct=40")]
    [InlineData("ct", "40 41", "ct=\"40 41\"")]
    [InlineData("gt", "20.5", "gt=20.5")]
    [InlineData("uri", "coap://x:5683/a?b=c", "uri=coap://x:5683/a?b=c")]
    [InlineData("e", "", "e=\"\"")]
    [InlineData("x", "a,b", "x=\"a,b\"")]
    [InlineData("x", "a;b", "x=\"a;b\"")]
    [InlineData("x", "say \"hi\"", "x=\"say \\\"hi\\\"\"")]
    [InlineData("x", "back\\slash", "x=\"back\\\\slash\"")]
    [InlineData("x", "é", "x=\"é\"")]
    [InlineData("obs", null, "obs")]
    public void Format_QuotesOnlyWhenNeededOrRequired(string name, string? value, string expected)
    {
        Assert.Equal($"</a>;{expected}", LinkFormatWriter.Format(new CoreLink("/a", A(name, value))));
        Assert.Equal(expected, A(name, value).ToString());
    }

    [Fact]
    public void Format_HonoursIsQuoted()
    {
        Assert.Equal("</a>;ver=\"1.1\"", new CoreLink("/a", A("ver", "1.1", quoted: true)).ToString());
    }

    [Fact]
    public void Format_NoLinks_IsEmpty()
    {
        Assert.Equal("", LinkFormatWriter.Format([]));
    }

    [Fact]
    public void Write_ToBufferWriter_MatchesFormat()
    {
        CoreLink[] links = [new("/3/0", A("pmin", "10")), new("/3/0/1"), new("/3/0/2", A("dim", "2"), A("title", "a\"b"))];
        var output = new ArrayBufferWriter<byte>(1);

        LinkFormatWriter.Write(output, links);

        Assert.Equal(LinkFormatWriter.Format(links), Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(LinkFormatWriter.GetByteCount(links), output.WrittenCount);
    }

    [Fact]
    public void Write_SingleLink_ToBufferWriter()
    {
        var output = new ArrayBufferWriter<byte>();

        LinkFormatWriter.Write(output, new CoreLink("/€", A("title", "ü")));

        Assert.Equal("</€>;title=\"ü\""u8, output.WrittenSpan);
    }

    [Fact]
    public void TryWrite_Span_FailsWhenTooSmall_SucceedsWhenExact()
    {
        CoreLink[] links = [new("/1"), new("/2", A("ver", "1.0"))];
        int count = LinkFormatWriter.GetByteCount(links);
        var buffer = new byte[count];

        Assert.False(LinkFormatWriter.TryWrite(links, buffer.AsSpan(0, count - 1), out int written));
        Assert.Equal(0, written);
        Assert.False(LinkFormatWriter.TryWrite(links, buffer.AsSpan(0, 4), out _));
        Assert.True(LinkFormatWriter.TryWrite(links, buffer, out written));
        Assert.Equal(count, written);
        Assert.Equal("</1>,</2>;ver=1.0"u8, buffer);

        Assert.False(LinkFormatWriter.TryWrite(links[1], buffer.AsSpan(0, 5), out _));
        Assert.True(LinkFormatWriter.TryWrite(links[1], buffer, out written));
        Assert.Equal("</2>;ver=1.0"u8, buffer.AsSpan(0, written));
    }

    [Fact]
    public void Format_LargeDocument_UsesPooledBuffer()
    {
        var links = Enumerable.Range(0, 1000).Select(i => new CoreLink($"/{i}/0", A("ver", "1.0"))).ToList();

        string text = LinkFormatWriter.Format(links);

        Assert.Equal(links, LinkFormatParser.Parse(text));
    }

    [Theory]
    [InlineData("/a b")]
    [InlineData("/a>b")]
    [InlineData("/a<b")]
    [InlineData("/a\"b")]
    [InlineData("/a\nb")]
    public void CoreLink_RejectsUnwritableUri(string uri)
    {
        Assert.Throws<ArgumentException>(() => new CoreLink(uri));
    }

    [Fact]
    public void CoreLink_RejectsUriWithUnpairedSurrogate()
    {
        // Not an [InlineData]: attribute blobs store strings as UTF-8, which loses the lone surrogate.
        Assert.Throws<ArgumentException>(() => new CoreLink("/\ud800"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a=b")]
    [InlineData("a;")]
    [InlineData("*")]
    [InlineData("a**")]
    [InlineData("é")]
    public void LinkAttribute_RejectsBadName(string name)
    {
        Assert.Throws<ArgumentException>(() => new LinkAttribute(name, "v"));
    }

    [Fact]
    public void LinkAttribute_RejectsUnpairedSurrogateValue()
    {
        Assert.Throws<ArgumentException>(() => new LinkAttribute("t", "\udc00"));
    }

    [Fact]
    public void CoreLink_RejectsDefaultAttribute()
    {
        Assert.Throws<ArgumentException>(() => new CoreLink("/a", default(LinkAttribute)));
    }

    [Fact]
    public void CoreLink_Equality_IgnoresQuotingButNotOrderOrValues()
    {
        var a = new CoreLink("/a", A("ct", "40"), A("obs"));

        Assert.Equal(a, new CoreLink("/a", A("ct", "40", quoted: true), A("obs")));
        Assert.Equal(a.GetHashCode(), new CoreLink("/a", A("ct", "40", quoted: true), A("obs")).GetHashCode());
        Assert.NotEqual(a, new CoreLink("/a", A("obs"), A("ct", "40")));
        Assert.NotEqual(a, new CoreLink("/a", A("ct", "41"), A("obs")));
        Assert.NotEqual(a, new CoreLink("/a", A("ct", "40"), A("obs", "")));
        Assert.NotEqual(a, new CoreLink("/b", A("ct", "40"), A("obs")));
        Assert.False(a.Equals(null));
    }
}
