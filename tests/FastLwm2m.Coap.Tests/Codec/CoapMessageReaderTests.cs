using System.Text;

namespace FastLwm2m.Coap.Tests.Codec;

public class CoapMessageReaderTests
{
    // RFC 7252 Appendix A, Figure 16: CON GET /temperature, MID 0x7d34, no token.
    private const string Figure16Request = "40 01 7d 34 bb 74 65 6d 70 65 72 61 74 75 72 65";
    // Figure 16: ACK 2.05 "22.3 C".
    private const string Figure16Response = "60 45 7d 34 ff 32 32 2e 33 20 43";

    [Fact]
    public void TryParse_Rfc7252Figure16Request_ReadsGetTemperature()
    {
        var status = CoapMessageReader.TryParse(Hex.Parse(Figure16Request), out var reader);

        Assert.Equal(CoapParseStatus.Ok, status);
        Assert.Equal(CoapMessageType.Confirmable, reader.Type);
        Assert.Equal(CoapCode.Get, reader.Code);
        Assert.Equal(0x7d34, reader.MessageId);
        Assert.True(reader.Token.IsEmpty);
        Assert.True(reader.Payload.IsEmpty);
        Assert.True(reader.TryGetOption(CoapOptionNumber.UriPath, out var path));
        Assert.Equal("temperature", Encoding.UTF8.GetString(path));
    }

    [Fact]
    public void TryParse_Rfc7252Figure16Response_ReadsPiggybackedContent()
    {
        var status = CoapMessageReader.TryParse(Hex.Parse(Figure16Response), out var reader);

        Assert.Equal(CoapParseStatus.Ok, status);
        Assert.Equal(CoapMessageType.Acknowledgement, reader.Type);
        Assert.Equal(CoapCode.Content, reader.Code);
        Assert.Equal(0x7d34, reader.MessageId);
        Assert.True(reader.OptionBytes.IsEmpty);
        Assert.Equal("22.3 C", Encoding.UTF8.GetString(reader.Payload));
    }

    // RFC 7252 Appendix A, Figures 19-21: tokens, separate responses, empty ACKs, NON.
    [Theory]
    [InlineData("41 01 7d 34 20 bb 74 65 6d 70 65 72 61 74 75 72 65", CoapMessageType.Confirmable, 0x01, 0x7d34, "20", "")]
    [InlineData("61 45 7d 34 20 ff 32 32 2e 33 20 43", CoapMessageType.Acknowledgement, 0x45, 0x7d34, "20", "22.3 C")]
    [InlineData("41 01 7a 10 73 bb 74 65 6d 70 65 72 61 74 75 72 65", CoapMessageType.Confirmable, 0x01, 0x7a10, "73", "")]
    [InlineData("60 00 7a 10", CoapMessageType.Acknowledgement, 0x00, 0x7a10, "", "")]
    [InlineData("41 45 23 bb 73 ff 32 32 2e 35 20 43", CoapMessageType.Confirmable, 0x45, 0x23bb, "73", "22.5 C")]
    [InlineData("60 00 23 bb", CoapMessageType.Acknowledgement, 0x00, 0x23bb, "", "")]
    [InlineData("51 01 7a 11 74 bb 74 65 6d 70 65 72 61 74 75 72 65", CoapMessageType.NonConfirmable, 0x01, 0x7a11, "74", "")]
    [InlineData("51 45 23 bc 74 ff 32 32 2e 35 20 43", CoapMessageType.NonConfirmable, 0x45, 0x23bc, "74", "22.5 C")]
    public void TryParse_Rfc7252AppendixAMessages_ReadHeaderTokenAndPayload(
        string hex, CoapMessageType type, byte code, int messageId, string token, string payload)
    {
        var status = CoapMessageReader.TryParse(Hex.Parse(hex), out var reader);

        Assert.Equal(CoapParseStatus.Ok, status);
        Assert.Equal(type, reader.Type);
        Assert.Equal(code, reader.Code.Value);
        Assert.Equal(messageId, reader.MessageId);
        Assert.Equal(token, Hex.Format(reader.Token));
        Assert.Equal(payload, Encoding.UTF8.GetString(reader.Payload));
    }

    // One crafted datagram per CoapParseStatus.
    [Theory]
    [InlineData("", CoapParseStatus.TooShortForHeader)]
    [InlineData("40 01 7d", CoapParseStatus.TooShortForHeader)]
    [InlineData("80 01 7d 34", CoapParseStatus.UnsupportedVersion)]
    [InlineData("00 01 7d 34", CoapParseStatus.UnsupportedVersion)]
    [InlineData("c0 01 7d 34", CoapParseStatus.UnsupportedVersion)]
    [InlineData("49 01 7d 34 01 02 03 04 05 06 07 08 09", CoapParseStatus.ReservedTokenLength)]
    [InlineData("4f 01 7d 34", CoapParseStatus.ReservedTokenLength)]
    [InlineData("42 01 7d 34 aa", CoapParseStatus.TruncatedToken)]
    [InlineData("48 01 7d 34", CoapParseStatus.TruncatedToken)]
    [InlineData("61 00 7d 34 aa", CoapParseStatus.NonEmptyEmptyMessage)]
    [InlineData("60 00 7d 34 b1 61", CoapParseStatus.NonEmptyEmptyMessage)]
    [InlineData("60 00 7d 34 ff 01", CoapParseStatus.NonEmptyEmptyMessage)]
    [InlineData("40 21 7d 34", CoapParseStatus.ReservedCodeClass)]
    [InlineData("40 c1 7d 34", CoapParseStatus.ReservedCodeClass)]
    [InlineData("40 e0 7d 34", CoapParseStatus.ReservedCodeClass)]
    [InlineData("40 01 7d 34 f0", CoapParseStatus.ReservedOptionDelta)]
    [InlineData("40 01 7d 34 b1 61 f1 62", CoapParseStatus.ReservedOptionDelta)]
    [InlineData("40 01 7d 34 bf", CoapParseStatus.ReservedOptionLength)]
    [InlineData("40 01 7d 34 0f", CoapParseStatus.ReservedOptionLength)]
    [InlineData("40 01 7d 34 d0", CoapParseStatus.TruncatedOptionHeader)]
    [InlineData("40 01 7d 34 e0 01", CoapParseStatus.TruncatedOptionHeader)]
    [InlineData("40 01 7d 34 0d", CoapParseStatus.TruncatedOptionHeader)]
    [InlineData("40 01 7d 34 0e 00", CoapParseStatus.TruncatedOptionHeader)]
    [InlineData("40 01 7d 34 dd 00", CoapParseStatus.TruncatedOptionHeader)]
    [InlineData("40 01 7d 34 b3 61 62", CoapParseStatus.TruncatedOptionValue)]
    [InlineData("40 01 7d 34 0d 00 00 00 00 00 00 00 00 00 00 00 00", CoapParseStatus.TruncatedOptionValue)]
    [InlineData("40 01 7d 34 e0 ff ff", CoapParseStatus.OptionNumberOverflow)]
    [InlineData("40 01 7d 34 e0 fe f2 10", CoapParseStatus.OptionNumberOverflow)]
    [InlineData("40 01 7d 34 ff", CoapParseStatus.EmptyPayloadAfterMarker)]
    [InlineData("40 01 7d 34 b1 61 ff", CoapParseStatus.EmptyPayloadAfterMarker)]
    public void TryParse_MalformedDatagram_ReturnsItsStatus(string hex, CoapParseStatus expected)
    {
        var datagram = Hex.Parse(hex);

        var status = CoapMessageReader.TryParse(datagram, out var reader);

        Assert.Equal(expected, status);
        Assert.Equal(expected, ReferenceCoapParser.Validate(datagram));
        Assert.True(reader.Token.IsEmpty);
        Assert.True(reader.OptionBytes.IsEmpty);
        Assert.True(reader.Payload.IsEmpty);
        Assert.True(reader.Datagram.IsEmpty);
        Assert.False(reader.Options.MoveNext());
    }

    [Theory]
    [InlineData("80 45 12 34", CoapParseStatus.UnsupportedVersion, CoapMessageType.Confirmable, 0x45)]
    [InlineData("59 01 12 34", CoapParseStatus.ReservedTokenLength, CoapMessageType.NonConfirmable, 0x01)]
    [InlineData("44 02 12 34 01", CoapParseStatus.TruncatedToken, CoapMessageType.Confirmable, 0x02)]
    [InlineData("70 00 12 34 ff 00", CoapParseStatus.NonEmptyEmptyMessage, CoapMessageType.Reset, 0x00)]
    [InlineData("60 e4 12 34", CoapParseStatus.ReservedCodeClass, CoapMessageType.Acknowledgement, 0xe4)]
    [InlineData("40 02 12 34 f1", CoapParseStatus.ReservedOptionDelta, CoapMessageType.Confirmable, 0x02)]
    [InlineData("40 02 12 34 b3 72 64", CoapParseStatus.TruncatedOptionValue, CoapMessageType.Confirmable, 0x02)]
    [InlineData("40 02 12 34 ff", CoapParseStatus.EmptyPayloadAfterMarker, CoapMessageType.Confirmable, 0x02)]
    public void TryParse_FailureWithReadableHeader_FillsTypeCodeAndMessageId(
        string hex, CoapParseStatus expected, CoapMessageType type, byte code)
    {
        var status = CoapMessageReader.TryParse(Hex.Parse(hex), out var reader);

        Assert.Equal(expected, status);
        Assert.Equal(type, reader.Type);
        Assert.Equal(code, reader.Code.Value);
        Assert.Equal(0x1234, reader.MessageId);
    }

    [Fact]
    public void TryParse_TooShortForHeader_LeavesReaderDefault()
    {
        var status = CoapMessageReader.TryParse(Hex.Parse("7f ff ff"), out var reader);

        Assert.Equal(CoapParseStatus.TooShortForHeader, status);
        Assert.Equal(default, reader.Type);
        Assert.Equal(default, reader.Code);
        Assert.Equal(0, reader.MessageId);
    }

    [Fact]
    public void TryParse_EmptyMessage_IsOkWithNothingAfterTheHeader()
    {
        var status = CoapMessageReader.TryParse(Hex.Parse("70 00 00 01"), out var reader);

        Assert.Equal(CoapParseStatus.Ok, status);
        Assert.Equal(CoapMessageType.Reset, reader.Type);
        Assert.True(reader.Code.IsEmpty);
        Assert.True(reader.Token.IsEmpty);
        Assert.True(reader.OptionBytes.IsEmpty);
        Assert.True(reader.Payload.IsEmpty);
    }

    [Fact]
    public void TryParse_TokenOfEightBytes_IsOk()
    {
        var status = CoapMessageReader.TryParse(Hex.Parse("48 01 00 01 01 02 03 04 05 06 07 08"), out var reader);

        Assert.Equal(CoapParseStatus.Ok, status);
        Assert.Equal("0102030405060708", Hex.Format(reader.Token));
        Assert.Equal(CoapToken.FromUInt64(0x0102030405060708, 8), reader.TokenValue);
    }

    [Fact]
    public void TryParse_OptionNumber65535_IsOk()
    {
        // Delta 65535 = nibble 14 + 0xFEF2 + 269.
        var status = CoapMessageReader.TryParse(Hex.Parse("40 01 00 01 e1 fe f2 2a"), out var reader);

        Assert.Equal(CoapParseStatus.Ok, status);
        var options = reader.Options;
        Assert.True(options.MoveNext());
        Assert.Equal(65535, options.Current.Number);
        Assert.Equal("2a", Hex.Format(options.Current.Value));
        Assert.False(options.MoveNext());
    }

    // RFC 7252 §3.1: extended delta boundaries 12 | 13 (+1 byte) | 268 | 269 (+2 bytes) | 65535.
    [Theory]
    [InlineData("c0", 12)]
    [InlineData("d0 00", 13)]
    [InlineData("d0 01", 14)]
    [InlineData("d0 ff", 268)]
    [InlineData("e0 00 00", 269)]
    [InlineData("e0 00 01", 270)]
    [InlineData("e0 fe f2", 65535)]
    public void Options_ExtendedDelta_DecodesNumber(string optionHex, int number)
    {
        var status = CoapMessageReader.TryParse(Hex.Parse("40 01 00 01 " + optionHex), out var reader);

        Assert.Equal(CoapParseStatus.Ok, status);
        var options = reader.Options;
        Assert.True(options.MoveNext());
        Assert.Equal(number, options.Current.Number);
        Assert.True(options.Current.Value.IsEmpty);
        Assert.False(options.MoveNext());
    }

    [Theory]
    [InlineData("0c", 12)]
    [InlineData("0d 00", 13)]
    [InlineData("0d ff", 268)]
    [InlineData("0e 00 00", 269)]
    [InlineData("0e 01 00", 525)]
    [InlineData("0e fe f2", 65535)]
    public void Options_ExtendedLength_DecodesValueLength(string optionHeaderHex, int length)
    {
        var datagram = Hex.Parse("40 01 00 01 " + optionHeaderHex).Concat(Enumerable.Repeat((byte)0xAB, length)).ToArray();

        var status = CoapMessageReader.TryParse(datagram, out var reader);

        Assert.Equal(CoapParseStatus.Ok, status);
        var options = reader.Options;
        Assert.True(options.MoveNext());
        Assert.Equal(0, options.Current.Number);
        Assert.Equal(length, options.Current.Value.Length);
        Assert.False(options.MoveNext());
    }

    [Fact]
    public void Options_RepeatedAndMixed_EnumerateInOrder()
    {
        // Uri-Path "rd", Uri-Path "abc", Content-Format 40, Uri-Query "a", payload "x".
        var status = CoapMessageReader.TryParse(Hex.Parse("42 02 00 01 aa bb b2 72 64 03 61 62 63 11 28 31 61 ff 78"), out var reader);

        Assert.Equal(CoapParseStatus.Ok, status);
        var seen = new List<(int, string)>();
        foreach (var option in reader.Options)
        {
            seen.Add((option.Number, Hex.Format(option.Value)));
        }

        Assert.Equal([(11, "7264"), (11, "616263"), (12, "28"), (15, "61")], seen);
        Assert.Equal("x", Encoding.UTF8.GetString(reader.Payload));
        Assert.Equal("b2726403616263112831 61".Replace(" ", string.Empty), Hex.Format(reader.OptionBytes));
    }

    [Fact]
    public void TryGetOption_AbsentOrPresent_FindsFirst()
    {
        CoapMessageReader.TryParse(Hex.Parse("40 02 00 01 b2 72 64 03 61 62 63 11 28"), out var reader);

        Assert.True(reader.TryGetOption(CoapOptionNumber.UriPath, out var first));
        Assert.Equal("rd", Encoding.UTF8.GetString(first));
        Assert.False(reader.TryGetOption(CoapOptionNumber.UriHost, out _));
        Assert.False(reader.TryGetOption(CoapOptionNumber.Accept, out _));
        Assert.True(reader.HasOption(CoapOptionNumber.ContentFormat));
        Assert.False(reader.HasOption(CoapOptionNumber.Observe));
    }

    [Theory]
    [InlineData("c0", true, 0u)]
    [InlineData("c1 28", true, 40u)]
    [InlineData("c2 2d 16", true, 11542u)]
    [InlineData("c4 ff ff ff ff", true, uint.MaxValue)]
    [InlineData("c5 00 00 00 00 01", false, 0u)]
    [InlineData("b1 61", false, 0u)]
    public void TryGetUInt32_DecodesShortestAndRejectsLong(string optionHex, bool found, uint expected)
    {
        CoapMessageReader.TryParse(Hex.Parse("40 01 00 01 " + optionHex), out var reader);

        Assert.Equal(found, reader.TryGetUInt32(CoapOptionNumber.ContentFormat, out uint value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("b1 61", 0)]                  // Uri-Path (11): critical, known.
    [InlineData("d1 0a 0b", 0)]               // Block2 (23): critical, known.
    [InlineData("d0 16", 0)]                  // Proxy-Uri (35): critical, known.
    [InlineData("d0 00", 13)]                 // 13: critical, unknown.
    [InlineData("d0 08", 21)]                 // 21: critical, unknown.
    [InlineData("b1 61 d0 02", 0)]            // 11, then 26: elective.
    [InlineData("b1 61 d1 16 01", 0)]         // 11, then 46: elective.
    [InlineData("b1 61 e0 00 25", 317)]       // 11, then 317: critical, unknown.
    [InlineData("40 b1 61 d0 0d d0 00", 41)]  // 4, 15, 41, 54: first unknown critical is 41.
    [InlineData("e0 00 2b", 0)]               // 312: elective.
    public void FindUnrecognizedCriticalOption_ReturnsFirstUnknownOddOption(string optionHex, int expected)
    {
        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(Hex.Parse("40 01 00 01 " + optionHex), out var reader));

        Assert.Equal(expected, reader.FindUnrecognizedCriticalOption());
    }

    [Theory]
    [InlineData("40 01 00 01", "")]
    [InlineData("40 01 00 01 b2 72 64", "rd")]
    [InlineData("40 01 00 01 b2 72 64 06 61 62 63 31 32 33", "rd/abc123")]
    [InlineData("40 01 00 01 b1 33 01 30 01 31 11 28", "3/0/1")]
    [InlineData("40 01 00 01 b0 01 61", "/a")]
    public void CopyUriPath_JoinsSegmentsWithSlash(string hex, string expected)
    {
        CoapMessageReader.TryParse(Hex.Parse(hex), out var reader);
        Span<byte> destination = stackalloc byte[64];

        int n = reader.CopyUriPath(destination);

        Assert.Equal(expected, Encoding.UTF8.GetString(destination[..n]));
    }

    [Fact]
    public void CopyUriPath_DestinationTooSmall_ReturnsMinusOne()
    {
        CoapMessageReader.TryParse(Hex.Parse("40 01 00 01 b2 72 64 06 61 62 63 31 32 33"), out var reader);
        Span<byte> destination = stackalloc byte[9];

        Assert.Equal(-1, reader.CopyUriPath(destination[..8]));
        Assert.Equal(-1, reader.CopyUriPath(destination[..2]));
        Assert.Equal(-1, reader.CopyUriPath(destination[..1]));
        Assert.Equal(9, reader.CopyUriPath(destination));
    }

    [Fact]
    public void CopyUriQuery_JoinsQueriesWithAmpersand()
    {
        CoapMessageReader.TryParse(Hex.Parse("40 02 00 01 b2 72 64 48 65 70 3d 6e 6f 64 65 31 06 6c 74 3d 33 30 30"), out var reader);
        Span<byte> destination = stackalloc byte[64];

        int n = reader.CopyUriQuery(destination);

        Assert.Equal("ep=node1&lt=300", Encoding.UTF8.GetString(destination[..n]));
    }

    [Fact]
    public void OptionEnumerator_OverMalformedBytes_StopsWithoutThrowing()
    {
        var options = new CoapOptionEnumerator(Hex.Parse("b1 61 f0 b3 61"));

        Assert.True(options.MoveNext());
        Assert.Equal(11, options.Current.Number);
        Assert.False(options.MoveNext());
        Assert.False(options.MoveNext());
    }
}
