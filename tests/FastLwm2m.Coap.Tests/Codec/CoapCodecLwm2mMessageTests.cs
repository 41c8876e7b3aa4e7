using System.Text;

namespace FastLwm2m.Coap.Tests.Codec;

/// <summary>The LwM2M 1.1 registration interface messages (OMA-TS-LightweightM2M_Transport §6.4) on the wire.</summary>
public class CoapCodecLwm2mMessageTests
{
    private static readonly byte[] Token = [0x01, 0x02, 0x03, 0x04];

    // CON POST /rd?ep=node1&lt=300&lwm2m=1.1&b=U, Content-Format 40, payload </1/0>,</3/0>.
    private const string RegisterHex =
        "44 02 12 34 01 02 03 04" +
        " b2 72 64" +                                  // Uri-Path (11) "rd"
        " 11 28" +                                     // Content-Format (12) 40
        " 38 65 70 3d 6e 6f 64 65 31" +                // Uri-Query (15) "ep=node1"
        " 06 6c 74 3d 33 30 30" +                      // Uri-Query "lt=300"
        " 09 6c 77 6d 32 6d 3d 31 2e 31" +             // Uri-Query "lwm2m=1.1"
        " 03 62 3d 55" +                               // Uri-Query "b=U"
        " ff 3c 2f 31 2f 30 3e 2c 3c 2f 33 2f 30 3e";  // payload

    // ACK 2.01 Created, Location-Path "rd", "abc123".
    private const string CreatedHex = "64 41 12 34 01 02 03 04 82 72 64 06 61 62 63 31 32 33";

    // CON POST /rd/abc123, no payload.
    private const string UpdateHex = "44 02 12 35 01 02 03 04 b2 72 64 06 61 62 63 31 32 33";

    // ACK 2.04 Changed.
    private const string ChangedHex = "64 44 12 35 01 02 03 04";

    [Fact]
    public void Register_Written_MatchesVector()
    {
        Span<byte> buffer = stackalloc byte[128];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Post, 0x1234, Token);
        writer.WriteOption(CoapOptionNumber.UriPath, "rd");
        writer.WriteOption(CoapOptionNumber.ContentFormat, CoapContentFormat.LinkFormat);
        writer.WriteOption(CoapOptionNumber.UriQuery, "ep=node1");
        writer.WriteOption(CoapOptionNumber.UriQuery, "lt=300");
        writer.WriteOption(CoapOptionNumber.UriQuery, "lwm2m=1.1");
        writer.WriteOption(CoapOptionNumber.UriQuery, "b=U");
        writer.WritePayload("</1/0>,</3/0>"u8);

        Assert.False(writer.HasOverflowed);
        Assert.Equal(Hex.Format(Hex.Parse(RegisterHex)), Hex.Format(writer.Written));
    }

    [Fact]
    public void Register_Parsed_ExposesPathQueriesContentFormatAndPayload()
    {
        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(Hex.Parse(RegisterHex), out var reader));

        Assert.Equal(CoapMessageType.Confirmable, reader.Type);
        Assert.Equal(CoapCode.Post, reader.Code);
        Assert.Equal(0x1234, reader.MessageId);
        Assert.Equal("01020304", Hex.Format(reader.Token));
        Span<byte> path = stackalloc byte[32];
        Assert.Equal("rd", Encoding.UTF8.GetString(path[..reader.CopyUriPath(path)]));
        Assert.True(reader.TryGetUInt32(CoapOptionNumber.ContentFormat, out uint format));
        Assert.Equal(CoapContentFormat.LinkFormat, format);
        var queries = new List<string>();
        foreach (var option in reader.Options)
        {
            if (option.Number == CoapOptionNumber.UriQuery)
            {
                queries.Add(Encoding.UTF8.GetString(option.Value));
            }
        }

        Assert.Equal(["ep=node1", "lt=300", "lwm2m=1.1", "b=U"], queries);
        Assert.Equal("</1/0>,</3/0>", Encoding.UTF8.GetString(reader.Payload));
        Assert.Equal(0, reader.FindUnrecognizedCriticalOption());
    }

    [Fact]
    public void Created_WrittenAndParsed_CarriesLocationPath()
    {
        Span<byte> buffer = stackalloc byte[64];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Created, 0x1234, new CoapToken(Token));
        writer.WriteOption(CoapOptionNumber.LocationPath, "rd");
        writer.WriteOption(CoapOptionNumber.LocationPath, "abc123");
        writer.WritePayload(ReadOnlySpan<byte>.Empty);

        Assert.Equal(Hex.Format(Hex.Parse(CreatedHex)), Hex.Format(writer.Written));
        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(writer.Written, out var reader));
        Assert.Equal(CoapCode.Created, reader.Code);
        var segments = new List<string>();
        foreach (var option in reader.Options)
        {
            Assert.Equal(CoapOptionNumber.LocationPath, option.Number);
            segments.Add(Encoding.UTF8.GetString(option.Value));
        }

        Assert.Equal(["rd", "abc123"], segments);
        Assert.True(reader.Payload.IsEmpty);
    }

    [Fact]
    public void Update_WrittenAndParsed_RoundTrips()
    {
        Span<byte> buffer = stackalloc byte[64];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Post, 0x1235, Token);
        writer.WriteOption(CoapOptionNumber.UriPath, "rd");
        writer.WriteOption(CoapOptionNumber.UriPath, "abc123");
        writer.WritePayload(ReadOnlySpan<byte>.Empty);

        Assert.Equal(Hex.Format(Hex.Parse(UpdateHex)), Hex.Format(writer.Written));
        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(writer.Written, out var reader));
        Span<byte> path = stackalloc byte[32];
        Assert.Equal("rd/abc123", Encoding.UTF8.GetString(path[..reader.CopyUriPath(path)]));
        Assert.False(reader.HasOption(CoapOptionNumber.ContentFormat));
        Assert.False(reader.HasOption(CoapOptionNumber.UriQuery));
        Assert.True(reader.Payload.IsEmpty);
    }

    [Fact]
    public void Changed_WrittenAndParsed_RoundTrips()
    {
        Span<byte> buffer = stackalloc byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Changed, 0x1235, new CoapToken(Token));
        writer.WritePayload(ReadOnlySpan<byte>.Empty);

        Assert.Equal(Hex.Format(Hex.Parse(ChangedHex)), Hex.Format(writer.Written));
        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(writer.Written, out var reader));
        Assert.Equal(CoapMessageType.Acknowledgement, reader.Type);
        Assert.Equal(CoapCode.Changed, reader.Code);
        Assert.Equal(0x1235, reader.MessageId);
        Assert.Equal(new CoapToken(Token), reader.TokenValue);
        Assert.True(reader.OptionBytes.IsEmpty);
        Assert.True(reader.Payload.IsEmpty);
    }

    [Theory]
    [InlineData(RegisterHex)]
    [InlineData(CreatedHex)]
    [InlineData(UpdateHex)]
    [InlineData(ChangedHex)]
    public void Parse_ThenWrite_ReproducesTheBytes(string hex)
    {
        var datagram = Hex.Parse(hex);

        var message = TestMessage.Parse(datagram);

        Assert.Equal(Hex.Format(datagram), Hex.Format(message.Encode()));
    }
}
