using System.Buffers;
using System.Text;
using CsCheck;
using FastLwm2m.Coap.LinkFormat;

namespace FastLwm2m.Coap.Tests.LinkFormat;

public class LinkFormatPropertyTests
{
    private const string ParmNameChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~";

    // Pieces of URIs: ASCII path and URI characters, and multi-byte UTF-8 (incl. a surrogate pair).
    private static readonly Gen<string> UriPiece = Gen.OneOf(
        "/", "/", "/", "3", "0", "19", "lwm2m", "a", "Z", ":", "?", "#", "&", "=", "%20", ".", "-", "_", "~",
        "coap://h:5683", "[::1]", "@", "!", "$", "'", "(", ")", "*", "+", ",", ";", "é", "€", "😀", "\\", "{", "|", "}", "^", "`");

    // Pieces of values: some need quoting ('"', '\', ',', ';', ' ', CR/LF, non-ASCII), some don't.
    private static readonly Gen<string> ValuePiece = Gen.OneOf(
        "1", "1.1", "11543", "oma.lwm2m", "-3.5", "coap://x", "a", "Z", "/", ":", "<", ">", "=", "?", "@", "[", "]",
        "\"", "\\", ",", ";", " ", "\t", "\r\n", "é", "€", "😀", "'", "%", "*", "{", "}", "|", "~", "!", "#", "$", "&");

    private static readonly Gen<string> Uri = UriPiece.Array[0, 8].Select(string.Concat);

    private static readonly Gen<string> Name =
        Gen.Select(Gen.Char[ParmNameChars].Array[1, 8], Gen.Int[0, 9], (chars, star) => new string(chars) + (star == 0 ? "*" : ""));

    private static readonly Gen<string> WellKnownName = Gen.OneOf("rt", "if", "anchor", "title", "ct", "ver", "obs", "pmin", "gt");

    private static readonly Gen<string?> Value = Gen.Frequency(
        (1, Gen.Const((string?)null)),
        (1, Gen.Const((string?)"")),
        (6, ValuePiece.Array[1, 6].Select(pieces => (string?)string.Concat(pieces))));

    private static readonly Gen<LinkAttribute> Attribute =
        Gen.Select(Gen.Frequency((3, Name), (1, WellKnownName)), Value, Gen.Bool, (name, value, quoted) => new LinkAttribute(name, value, quoted));

    private static readonly Gen<CoreLink> Link =
        Gen.Select(Uri, Attribute.Array[0, 5], (uri, attributes) => new CoreLink(uri, attributes));

    private static readonly Gen<CoreLink[]> Links = Link.Array[0, 8];

    private static readonly string[] ValidPayloads =
    [
        "</>;rt=\"oma.lwm2m\";ct=11543,</1>;ver=1.1,</1/0>,</3>;ver=1.2,</3/0>,</5/0>,</19/0>,</19/1>",
        "</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/0>,</lwm2m/3/0>",
        "</3/0>;pmin=10,</3/0/1>,</3/0/2>;dim=2,</3/0/7>;gt=20.5;obs",
        "</sensors>;ct=40;title=\"Sensor Index\",</sensors/temp>;rt=\"temperature-c\";if=\"sensor\"," +
            "<http://www.example.com/sensors/t123>;anchor=\"/sensors/temp\";rel=\"describedby\"",
        "</a>;title=\"x \\\"y\\\" \\\\ z, ;\" , </é>;t=ü\r\n",
    ];

    [Fact]
    public void WriteThenParse_GivesTheSameLinks()
    {
        Links.Sample(links =>
        {
            string text = LinkFormatWriter.Format(links);
            bool ok = LinkFormatParser.TryParse(text, out IReadOnlyList<CoreLink> parsed, out LinkFormatError error);

            Assert.True(ok, $"{error} in {text}");
            Assert.Equal(links, parsed);
            for (int i = 0; i < links.Length; i++)
            {
                for (int j = 0; j < links[i].Attributes.Length; j++)
                {
                    LinkAttribute original = links[i].Attributes[j];
                    bool expectQuoted = original.HasValue
                        && (original.IsQuoted || LinkFormatWriter.RequiresQuoting(original.Name, original.Value!));
                    Assert.Equal(expectQuoted, parsed[i].Attributes[j].IsQuoted);
                }
            }
        }, iter: 5_000, print: links => LinkFormatWriter.Format(links));
    }

    [Fact]
    public void WriteToBufferWriterThenRead_GivesTheSameLinks()
    {
        Links.Sample(links =>
        {
            var output = new ArrayBufferWriter<byte>(1);
            LinkFormatWriter.Write(output, links);
            Assert.Equal(LinkFormatWriter.GetByteCount(links), output.WrittenCount);

            var reader = new LinkFormatReader(output.WrittenSpan);
            int index = 0;
            while (reader.TryReadLink(out LinkValue link))
            {
                Assert.Equal(links[index++], link.ToCoreLink());
            }

            Assert.Equal(LinkFormatStatus.End, reader.Status);
            Assert.Equal(links.Length, index);
            Assert.Equal(output.WrittenCount, reader.BytesConsumed);
        }, iter: 2_000, print: links => LinkFormatWriter.Format(links));
    }

    [Fact]
    public void WhitespaceAroundSeparators_DoesNotChangeTheLinks()
    {
        Gen<string> whitespace = Gen.OneOf("", "", " ", "\t", "\r\n", "  \n");
        Gen.Select(Links, whitespace.Array[64]).Sample((links, spaces) =>
        {
            int next = 0;
            string Ws() => spaces[next++ % spaces.Length];
            var builder = new StringBuilder(Ws());
            for (int i = 0; i < links.Length; i++)
            {
                builder.Append(i == 0 ? "" : Ws() + "," + Ws()).Append('<').Append(links[i].Uri).Append('>');
                foreach (LinkAttribute attribute in links[i].Attributes)
                {
                    builder.Append(Ws()).Append(';').Append(Ws()).Append(attribute.ToString());
                }
            }

            builder.Append(Ws());
            Assert.Equal(links, LinkFormatParser.Parse(builder.ToString()));
        }, iter: 2_000);
    }

    [Fact]
    public void RandomBytes_NeverThrow_AndSucceedOnlyWithAWellFormedDocument()
    {
        Gen.Byte.Array[0, 64].Sample(CheckNeverThrows, iter: 20_000);
    }

    [Fact]
    public void RandomStructuralBytes_NeverThrow()
    {
        // Mostly the grammar's own characters, so that the fuzz reaches deep into parameters.
        Gen<byte> structural = Gen.OneOf("<>;,=\"\\ \t\n/a1*:é"u8.ToArray().Append((byte)0xFF).ToArray());
        structural.Array[0, 48].Sample(CheckNeverThrows, iter: 50_000);
    }

    [Fact]
    public void EveryTruncationAndSingleByteChangeOfValidPayloads_NeverThrows()
    {
        byte[] replacements = "<>;,=\"\\ x"u8.ToArray().Append((byte)0x80).ToArray();
        foreach (string payload in ValidPayloads)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(payload);
            Assert.True(LinkFormatParser.TryParse(bytes, out _, out LinkFormatError error), $"{error}: {payload}");
            for (int length = 0; length <= bytes.Length; length++)
            {
                CheckNeverThrows(bytes[..length]);
            }

            for (int i = 0; i < bytes.Length; i++)
            {
                foreach (byte replacement in replacements)
                {
                    byte[] changed = (byte[])bytes.Clone();
                    changed[i] = replacement;
                    CheckNeverThrows(changed);
                }
            }
        }
    }

    private static void CheckNeverThrows(byte[] input)
    {
        bool ok = LinkFormatParser.TryParse(input, out IReadOnlyList<CoreLink> links, out LinkFormatError error);
        if (ok)
        {
            Assert.Equal(LinkFormatError.None, error);

            // Whatever was accepted writes back to something that parses to the same links.
            string text = LinkFormatWriter.Format(links);
            Assert.Equal(links, LinkFormatParser.Parse(text));
            foreach (CoreLink link in links)
            {
                _ = link.TryGetContentFormats(out _);
                _ = link.TryGetVersion(out _, out _);
                _ = link.TryGetUInt32("ct", out _);
                _ = link.TryGetDouble("gt", out _);
                _ = link.HasResourceType("a");
            }
        }
        else
        {
            Assert.Empty(links);
            Assert.NotEqual(LinkFormatStatus.Ok, error.Status);
            Assert.NotEqual(LinkFormatStatus.End, error.Status);
            Assert.InRange(error.Offset, 0, input.Length);
        }

        // The reader: failure consumes nothing, and offsets stay inside the input.
        var reader = new LinkFormatReader(input);
        Span<byte> small = stackalloc byte[4];
        int count = 0;
        while (true)
        {
            int before = reader.BytesConsumed;
            if (!reader.TryReadLink(out LinkValue link))
            {
                if (reader.Status != LinkFormatStatus.End)
                {
                    Assert.Equal(before, reader.BytesConsumed);
                    Assert.Equal(error, reader.Error);
                }

                break;
            }

            count++;
            Assert.True(reader.BytesConsumed > before);
            Assert.InRange(link.Offset, before, input.Length - 1);
            foreach (LinkParameter parameter in link.Parameters)
            {
                _ = parameter.GetValueString();
                _ = parameter.TryGetUInt32(out _);
                _ = parameter.GetValueLength();
                _ = parameter.TryCopyValueTo(small, out _);
                _ = parameter.ToString();
            }

            _ = link.ToCoreLink();
        }

        if (ok)
        {
            Assert.Equal(links.Count, count);
        }
    }
}
