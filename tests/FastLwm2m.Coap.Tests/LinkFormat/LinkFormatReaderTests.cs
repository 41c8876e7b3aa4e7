using System.Text;
using FastLwm2m.Coap.LinkFormat;

namespace FastLwm2m.Coap.Tests.LinkFormat;

public class LinkFormatReaderTests
{
    public static TheoryData<string, LinkFormatStatus, int> Errors => new()
    {
        { "/3/0>", LinkFormatStatus.MissingOpeningAngle, 0 },
        { "</1>,", LinkFormatStatus.MissingOpeningAngle, 5 },
        { "</1>, ", LinkFormatStatus.MissingOpeningAngle, 6 },
        { "</1>,,</2>", LinkFormatStatus.MissingOpeningAngle, 5 },
        { ",</1>", LinkFormatStatus.MissingOpeningAngle, 0 },
        { "<", LinkFormatStatus.UnterminatedUri, 0 },
        { "</1>,</3/0", LinkFormatStatus.UnterminatedUri, 5 },
        { "</3 /0>", LinkFormatStatus.InvalidUriCharacter, 3 },
        { "</a,</b>", LinkFormatStatus.InvalidUriCharacter, 4 },
        { "</a\"b>", LinkFormatStatus.InvalidUriCharacter, 3 },
        { "</a\nb>", LinkFormatStatus.InvalidUriCharacter, 3 },
        { "</1>;", LinkFormatStatus.BadAttribute, 5 },
        { "</1>; ", LinkFormatStatus.BadAttribute, 6 },
        { "</1>;=1", LinkFormatStatus.BadAttribute, 5 },
        { "</1>;;ct=1", LinkFormatStatus.BadAttribute, 5 },
        { "</1>;ct=1;,</2>", LinkFormatStatus.BadAttribute, 10 },
        { "</1>;a:b=1", LinkFormatStatus.BadAttribute, 6 },
        { "</1>;a*b", LinkFormatStatus.BadAttribute, 7 },
        { "</1>;\"x\"", LinkFormatStatus.BadAttribute, 5 },
        { "</1>;ct=", LinkFormatStatus.MissingAttributeValue, 8 },
        { "</1>;ct= ", LinkFormatStatus.MissingAttributeValue, 9 },
        { "</1>;ct=,</2>", LinkFormatStatus.MissingAttributeValue, 8 },
        { "</1>;ct=;obs", LinkFormatStatus.MissingAttributeValue, 8 },
        { "</>;rt=\"oma.lwm2m", LinkFormatStatus.UnterminatedQuotedString, 7 },
        { "</>;rt=\"abc\\\"", LinkFormatStatus.UnterminatedQuotedString, 7 },
        { "</>;rt=\"abc\\", LinkFormatStatus.UnterminatedQuotedString, 7 },
        { "</>;rt=\"", LinkFormatStatus.UnterminatedQuotedString, 7 },
        { "</1>x", LinkFormatStatus.UnexpectedCharacter, 4 },
        { "</1> </2>", LinkFormatStatus.UnexpectedCharacter, 5 },
        { "</1>;ct=40\"x\"", LinkFormatStatus.UnexpectedCharacter, 10 },
        { "</1>;ct=\\1", LinkFormatStatus.UnexpectedCharacter, 8 },
        { "</1>;ct=4 0", LinkFormatStatus.UnexpectedCharacter, 10 },
        { "</1>;rt=\"a\"b", LinkFormatStatus.UnexpectedCharacter, 11 },
        { "</1>;obs x", LinkFormatStatus.UnexpectedCharacter, 9 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void TryParse_MalformedInput_ReportsStatusAndOffset(string text, LinkFormatStatus status, int offset)
    {
        bool ok = LinkFormatParser.TryParse(text, out IReadOnlyList<CoreLink> links, out LinkFormatError error);

        Assert.False(ok);
        Assert.Empty(links);
        Assert.Equal(status, error.Status);
        Assert.Equal(offset, error.Offset);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'<', (byte)'/', 0xFF, (byte)'>' }, 2)]
    [InlineData(new byte[] { (byte)'<', (byte)'/', 0xC3, (byte)'>' }, 2)]
    [InlineData(new byte[] { (byte)'<', (byte)'/', (byte)'>', (byte)';', (byte)'t', (byte)'=', (byte)'a', 0xC3 }, 7)]
    [InlineData(new byte[] { (byte)'<', (byte)'/', (byte)'>', (byte)';', (byte)'t', (byte)'=', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' }, 7)]
    public void TryParse_InvalidUtf8_ReportsOffsetOfBadByte(byte[] input, int offset)
    {
        Assert.False(LinkFormatParser.TryParse(input, out _, out LinkFormatError error));
        Assert.Equal(new LinkFormatError(LinkFormatStatus.InvalidUtf8, offset), error);
    }

    [Fact]
    public void TryReadLink_ReadsLinksInOrder_ThenEnd()
    {
        var reader = new LinkFormatReader("</>;rt=\"oma.lwm2m\";ct=11543, </1>;ver=1.1,</1/0>\n"u8);

        Assert.True(reader.TryReadLink(out LinkValue link));
        Assert.Equal(LinkFormatStatus.Ok, reader.Status);
        Assert.Equal("/", link.GetUriString());
        Assert.Equal(0, link.Offset);
        Assert.True(link.TryGetParameter("ct"u8, out LinkParameter ct));
        Assert.True(ct.TryGetUInt32(out uint contentFormat));
        Assert.Equal(11543u, contentFormat);
        Assert.True(link.TryGetParameter("RT"u8, out LinkParameter rt));
        Assert.True(rt.IsQuoted);
        Assert.Equal("oma.lwm2m"u8, rt.RawValue);
        Assert.Equal(27, reader.BytesConsumed);

        Assert.True(reader.TryReadLink(out link));
        Assert.Equal("/1"u8, link.Uri);
        Assert.Equal(29, link.Offset);

        Assert.True(reader.TryReadLink(out link));
        Assert.Equal("/1/0"u8, link.Uri);
        Assert.True(link.ParameterBytes.IsEmpty);

        Assert.False(reader.TryReadLink(out _));
        Assert.Equal(LinkFormatStatus.End, reader.Status);
        Assert.Equal(-1, reader.ErrorOffset);
        Assert.Equal(49, reader.BytesConsumed);

        Assert.False(reader.TryReadLink(out _));
        Assert.Equal(LinkFormatStatus.End, reader.Status);
    }

    [Fact]
    public void TryReadLink_Failure_ConsumesNothing_AndRepeatsTheError()
    {
        var reader = new LinkFormatReader("</1/0>,</3/0>;ver=\"1.1,</5/0>"u8);

        Assert.True(reader.TryReadLink(out _));
        int consumed = reader.BytesConsumed;

        Assert.False(reader.TryReadLink(out LinkValue link));
        Assert.Equal(LinkFormatStatus.UnterminatedQuotedString, reader.Status);
        Assert.Equal(18, reader.ErrorOffset);
        Assert.Equal(new LinkFormatError(LinkFormatStatus.UnterminatedQuotedString, 18), reader.Error);
        Assert.Equal(consumed, reader.BytesConsumed);
        Assert.True(link.Uri.IsEmpty);

        Assert.False(reader.TryReadLink(out _));
        Assert.Equal(LinkFormatStatus.UnterminatedQuotedString, reader.Status);
        Assert.Equal(consumed, reader.BytesConsumed);
    }

    [Fact]
    public void TryReadLink_FirstLinkValidatedBeforeReturning_TrailingGarbageFailsIt()
    {
        var reader = new LinkFormatReader("</1>;ct=40 garbage"u8);

        Assert.False(reader.TryReadLink(out _));
        Assert.Equal(LinkFormatStatus.UnexpectedCharacter, reader.Status);
        Assert.Equal(11, reader.ErrorOffset);
        Assert.Equal(0, reader.BytesConsumed);
    }

    [Fact]
    public void EmptyInput_IsEndAtOnce()
    {
        var reader = new LinkFormatReader(default);

        Assert.False(reader.TryReadLink(out _));
        Assert.Equal(LinkFormatStatus.End, reader.Status);
        Assert.Equal(0, reader.BytesConsumed);
    }

    [Fact]
    public void Parameters_EnumerateInOrder_WithRawAndUnescapedValues()
    {
        var reader = new LinkFormatReader("</a>; obs ;t=\"x\\\"y\";n = 5;e=\"\""u8);
        Assert.True(reader.TryReadLink(out LinkValue link));

        var seen = new List<(string Name, bool HasValue, bool IsQuoted, string Raw, string? Value, int Length)>();
        foreach (LinkParameter parameter in link.Parameters)
        {
            seen.Add((Encoding.UTF8.GetString(parameter.Name), parameter.HasValue, parameter.IsQuoted,
                Encoding.UTF8.GetString(parameter.RawValue), parameter.GetValueString(), parameter.GetValueLength()));
        }

        Assert.Equal(
            [
                ("obs", false, false, "", null, 0),
                ("t", true, true, "x\\\"y", "x\"y", 3),
                ("n", true, false, "5", "5", 1),
                ("e", true, true, "", "", 0),
            ],
            seen);
    }

    [Fact]
    public void Parameter_TryCopyValueTo_UnescapesAndChecksSpace()
    {
        var reader = new LinkFormatReader("</a>;t=\"a\\\\b\";u=plain"u8);
        Assert.True(reader.TryReadLink(out LinkValue link));
        Assert.True(link.TryGetParameter("t"u8, out LinkParameter t));
        Assert.True(link.TryGetParameter("u"u8, out LinkParameter u));

        Span<byte> buffer = stackalloc byte[8];
        Assert.True(t.TryCopyValueTo(buffer, out int written));
        Assert.Equal("a\\b"u8, buffer[..written]);
        Assert.False(t.TryCopyValueTo(buffer[..2], out _));
        Assert.True(u.TryCopyValueTo(buffer, out written));
        Assert.Equal("plain"u8, buffer[..written]);
        Assert.False(u.TryCopyValueTo(buffer[..4], out _));
        Assert.False(link.TryGetParameter("missing"u8, out _));
    }

    [Fact]
    public void LongEscapedValue_IsUnescapedThroughThePool()
    {
        string value = string.Concat(Enumerable.Repeat("ab\"", 400));
        string text = $"</a>;title=\"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

        Assert.Equal(value, LinkFormatParser.Parse(text)[0].GetAttribute("title"));
    }

    [Fact]
    public void ToCoreLink_InternsWellKnownNames()
    {
        var first = LinkFormatParser.Parse("</1>;ver=1.1")[0];
        var second = LinkFormatParser.Parse("</2>;ver=1.0")[0];

        Assert.Same(first.Attributes[0].Name, second.Attributes[0].Name);
    }

    [Fact]
    public void ReadingLinksAndParameters_DoesNotAllocate()
    {
        ReadOnlySpan<byte> payload = "</>;rt=\"oma.lwm2m\";ct=11543,</1>;ver=1.1,</1/0>,</3>;ver=1.2,</3/0>;pmin=\"1\\0\",</5/0>"u8;
        uint Walk(ReadOnlySpan<byte> bytes)
        {
            uint sum = 0;
            var reader = new LinkFormatReader(bytes);
            Span<byte> buffer = stackalloc byte[32];
            while (reader.TryReadLink(out LinkValue link))
            {
                foreach (LinkParameter parameter in link.Parameters)
                {
                    if (parameter.TryGetUInt32(out uint value))
                    {
                        sum += value;
                    }

                    _ = parameter.TryCopyValueTo(buffer, out _);
                }
            }

            return sum;
        }

        Walk(payload); // warm up (static character classes, JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        uint total = Walk(payload);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(11543u + 10u, total);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ManyLinks_NoRecursion()
    {
        var builder = new StringBuilder();
        for (int i = 0; i < 100_000; i++)
        {
            builder.Append(i == 0 ? "" : ",").Append("</").Append(i).Append(">;a;b=1");
        }

        Assert.Equal(100_000, LinkFormatParser.Parse(builder.ToString()).Count);
    }
}
