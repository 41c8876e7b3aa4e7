using System.Text;

namespace FastLwm2m.Coap.Tests.Codec;

public class CoapMessageWriterTests
{
    [Fact]
    public void Write_Rfc7252Figure16Request_ProducesVector()
    {
        Span<byte> buffer = stackalloc byte[64];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0x7d34, ReadOnlySpan<byte>.Empty);
        writer.WriteOption(CoapOptionNumber.UriPath, "temperature");
        writer.WritePayload(ReadOnlySpan<byte>.Empty);

        Assert.False(writer.HasOverflowed);
        Assert.Equal("40017d34bb74656d7065726174757265", Hex.Format(writer.Written));
        Assert.Equal(16, writer.BytesWritten);
    }

    [Fact]
    public void Write_Rfc7252Figure16Response_ProducesVector()
    {
        Span<byte> buffer = stackalloc byte[64];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Content, 0x7d34, CoapToken.Empty);
        writer.WritePayload("22.3 C"u8);

        Assert.Equal("60457d34ff32322e332043", Hex.Format(writer.Written));
    }

    [Fact]
    public void Write_Rfc7252Figure20SeparateResponse_ProducesVector()
    {
        Span<byte> buffer = stackalloc byte[64];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Content, 0x23bb, new CoapToken([0x73]));
        writer.WritePayload("22.5 C"u8);

        Assert.Equal("414523bb73ff32322e352043", Hex.Format(writer.Written));
    }

    [Theory]
    [InlineData(CoapMessageType.Acknowledgement, 0x7a10, "60007a10")]
    [InlineData(CoapMessageType.Reset, 0x23bb, "700023bb")]
    [InlineData(CoapMessageType.Confirmable, 0x0000, "40000000")]
    public void WriteEmpty_WritesFourByteEmptyMessage(CoapMessageType type, int messageId, string expected)
    {
        Span<byte> buffer = stackalloc byte[8];

        int n = CoapMessageWriter.WriteEmpty(buffer, type, (ushort)messageId);

        Assert.Equal(4, n);
        Assert.Equal(expected, Hex.Format(buffer[..n]));
    }

    [Fact]
    public void WriteEmpty_DestinationShorterThanFour_ReturnsZero()
    {
        Span<byte> buffer = stackalloc byte[3];

        Assert.Equal(0, CoapMessageWriter.WriteEmpty(buffer, CoapMessageType.Reset, 1));
    }

    // RFC 7252 §3.1: delta 0-12 in the nibble, 13-268 as 13 + 1 byte, 269-65535 as 14 + 2 bytes.
    [Theory]
    [InlineData(12, "c0")]
    [InlineData(13, "d000")]
    [InlineData(268, "d0ff")]
    [InlineData(269, "e00000")]
    [InlineData(65535, "e0fef2")]
    public void WriteOption_ExtendedDeltaBoundaries_EncodeExactly(int number, string expectedOption)
    {
        Span<byte> buffer = stackalloc byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);

        writer.WriteOption((ushort)number, ReadOnlySpan<byte>.Empty);

        Assert.Equal(expectedOption, Hex.Format(writer.Written[4..]));
    }

    [Theory]
    [InlineData(12, "0c")]
    [InlineData(13, "0d00")]
    [InlineData(268, "0dff")]
    [InlineData(269, "0e0000")]
    [InlineData(65535, "0efef2")]
    public void WriteOption_ExtendedLengthBoundaries_EncodeExactly(int length, string expectedHeader)
    {
        var buffer = new byte[length + 16];
        var value = new byte[length];
        Array.Fill(value, (byte)0x5A);
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);

        writer.WriteOption(0, value);

        int headerLength = expectedHeader.Length / 2;
        Assert.Equal(expectedHeader, Hex.Format(writer.Written.Slice(4, headerLength)));
        Assert.True(writer.Written[(4 + headerLength)..].SequenceEqual(value));
    }

    [Fact]
    public void WriteOption_DeltaAndLengthBothExtended_PutsDeltaBytesFirst()
    {
        Span<byte> buffer = stackalloc byte[64];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);

        writer.WriteOption(300, new byte[14]);

        // Delta 300 = 269 + 0x001f (nibble 14), length 14 = 13 + 0x01 (nibble 13).
        Assert.Equal("ed001f01" + new string('0', 28), Hex.Format(writer.Written[4..]));
    }

    // RFC 7252 §3.2: uint values in the fewest bytes, 0 as the empty value.
    [Theory]
    [InlineData(0u, "c0")]
    [InlineData(1u, "c101")]
    [InlineData(40u, "c128")]
    [InlineData(255u, "c1ff")]
    [InlineData(256u, "c20100")]
    [InlineData(11542u, "c22d16")]
    [InlineData(65535u, "c2ffff")]
    [InlineData(65536u, "c3010000")]
    [InlineData(0xFFFFFFu, "c3ffffff")]
    [InlineData(0x1000000u, "c401000000")]
    [InlineData(uint.MaxValue, "c4ffffffff")]
    public void WriteOption_UInt_UsesShortestForm(uint value, string expectedOption)
    {
        Span<byte> buffer = stackalloc byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);

        writer.WriteOption(CoapOptionNumber.ContentFormat, value);

        Assert.Equal(expectedOption, Hex.Format(writer.Written[4..]));
    }

    [Fact]
    public void WriteOption_String_EncodesUtf8()
    {
        Span<byte> buffer = stackalloc byte[32];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);

        writer.WriteOption(CoapOptionNumber.UriPath, "caf\u00e9\U0001F600");

        Assert.Equal("b9636166c3a9f09f9880", Hex.Format(writer.Written[4..]));
    }

    [Fact]
    public void WriteOption_NonAsciiStringThatFitsOnlyAsAscii_Overflows()
    {
        // "\u00e9\u00e9": 2 chars, 4 UTF-8 bytes; 3 bytes left after the header fit 1 + 2 but not 1 + 4.
        Span<byte> buffer = stackalloc byte[7];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);

        writer.WriteOption(CoapOptionNumber.UriPath, "\u00e9\u00e9");

        Assert.True(writer.HasOverflowed);
        Assert.Equal(4, writer.BytesWritten);
    }

    [Fact]
    public void WriteOption_LoneSurrogate_EncodesReplacementCharacter()
    {
        Span<byte> buffer = stackalloc byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);

        writer.WriteOption(CoapOptionNumber.UriPath, "a\ud800");

        Assert.Equal("b461efbfbd", Hex.Format(writer.Written[4..]));
    }

    [Fact]
    public void WriteOption_EqualNumbers_AreAllowed()
    {
        Span<byte> buffer = stackalloc byte[32];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);

        writer.WriteOption(CoapOptionNumber.UriPath, "a");
        writer.WriteOption(CoapOptionNumber.UriPath, "b");

        Assert.Equal("b16101 62".Replace(" ", string.Empty), Hex.Format(writer.Written[4..]));
    }

    [Fact]
    public void WriteOption_DecreasingNumber_ThrowsInvalidOperation()
    {
        var buffer = new byte[32];

        var ex = Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
            writer.WriteOption(CoapOptionNumber.UriQuery, "a");
            writer.WriteOption(CoapOptionNumber.UriPath, "b");
        });
        Assert.Contains("non-decreasing", ex.Message);
    }

    [Fact]
    public void WriteOption_AfterPayload_ThrowsInvalidOperation()
    {
        var buffer = new byte[32];

        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
            writer.WritePayload("x"u8);
            writer.WriteOption(CoapOptionNumber.UriQuery, "a");
        });
    }

    [Fact]
    public void WritePayload_Twice_ThrowsInvalidOperation()
    {
        var buffer = new byte[32];

        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
            writer.WritePayload(ReadOnlySpan<byte>.Empty);
            writer.WritePayload("x"u8);
        });
    }

    [Fact]
    public void WriteHeader_Twice_ThrowsInvalidOperation()
    {
        var buffer = new byte[32];

        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
        });
    }

    [Fact]
    public void WriteOption_BeforeHeader_ThrowsInvalidOperation()
    {
        var buffer = new byte[32];

        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteOption(CoapOptionNumber.UriPath, "a");
        });
    }

    [Fact]
    public void WriteHeader_TokenLongerThanEight_ThrowsArgument()
    {
        var buffer = new byte[32];

        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, new byte[9]);
        });
    }

    [Fact]
    public void WriteOption_ValueLongerThanEncodable_ThrowsArgument()
    {
        var buffer = new byte[70_000];

        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
            writer.WriteOption(0, new byte[65805]);
        });
    }

    [Fact]
    public void WritePayload_Empty_WritesNoMarker()
    {
        Span<byte> buffer = stackalloc byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Changed, 0x1234, new CoapToken([0xaa]));

        writer.WritePayload(ReadOnlySpan<byte>.Empty);

        Assert.Equal("61441234aa", Hex.Format(writer.Written));
    }

    [Fact]
    public void WriteHeader_SpanAndCoapTokenOverloads_WriteTheSameBytes()
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        byte[] token = [1, 2, 3, 4, 5, 6, 7, 8];
        var byteWriter = new CoapMessageWriter(a);
        var tokenWriter = new CoapMessageWriter(b);

        byteWriter.WriteHeader(CoapMessageType.NonConfirmable, CoapCode.Post, 0xbeef, token);
        tokenWriter.WriteHeader(CoapMessageType.NonConfirmable, CoapCode.Post, 0xbeef, new CoapToken(token));

        Assert.Equal("5802beef0102030405060708", Hex.Format(byteWriter.Written));
        Assert.True(byteWriter.Written.SequenceEqual(tokenWriter.Written));
    }

    [Fact]
    public void Write_DestinationTooSmall_OverflowsWithoutThrowingAndKeepsLastCompleteWrite()
    {
        Span<byte> buffer = stackalloc byte[8];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0x7d34, ReadOnlySpan<byte>.Empty);
        writer.WriteOption(CoapOptionNumber.UriPath, "temperature");
        writer.WriteOption(CoapOptionNumber.UriQuery, "a");
        writer.WritePayload("x"u8);

        Assert.True(writer.HasOverflowed);
        Assert.Equal(4, writer.BytesWritten);
        Assert.Equal("40017d34", Hex.Format(writer.Written));
    }

    [Fact]
    public void Write_DestinationTooSmallForHeader_Overflows()
    {
        Span<byte> buffer = stackalloc byte[4];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, new byte[] { 1 });

        Assert.True(writer.HasOverflowed);
        Assert.Equal(0, writer.BytesWritten);
    }

    [Fact]
    public void Write_ExactlyFittingDestination_DoesNotOverflow()
    {
        Span<byte> buffer = stackalloc byte[11];
        var writer = new CoapMessageWriter(buffer);

        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Content, 0x7d34, ReadOnlySpan<byte>.Empty);
        writer.WritePayload(Encoding.ASCII.GetBytes("22.3 C"));

        Assert.False(writer.HasOverflowed);
        Assert.Equal(11, writer.BytesWritten);
    }

    // RFC 7959 §2.2 and Figures 2-3: Block2 values NUM/M/SZX, e.g. "2:0/1/128".
    [Theory]
    [InlineData(0u, true, 128, "0b")]
    [InlineData(1u, true, 128, "1b")]
    [InlineData(2u, false, 128, "23")]
    [InlineData(0u, false, 64, "02")]
    [InlineData(1u, true, 64, "1a")]
    [InlineData(0u, false, 16, "")]
    [InlineData(20u, false, 1024, "0146")]
    [InlineData(BlockOption.MaxNumber, true, 16, "fffff8")]
    public void WriteOption_Block2_EncodesRfc7959Value(uint number, bool more, int size, string expectedValue)
    {
        var block = new BlockOption(number, more, BlockOption.SzxFromSize(size));
        Span<byte> buffer = stackalloc byte[16];
        var writer = new CoapMessageWriter(buffer);
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Content, 1234, ReadOnlySpan<byte>.Empty);

        writer.WriteOption(CoapOptionNumber.Block2, block.Encode());

        // Block2 = 23 = 13 + 10: nibble 13, extended byte 0x0a.
        var option = writer.Written[4..];
        Assert.Equal(0xD0 | (expectedValue.Length / 2), option[0]);
        Assert.Equal(0x0A, option[1]);
        Assert.Equal(expectedValue, Hex.Format(option[2..]));
        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(writer.Written, out var reader));
        Assert.True(reader.TryGetUInt32(CoapOptionNumber.Block2, out uint value));
        Assert.True(BlockOption.TryDecode(value, out var decoded));
        Assert.Equal(block, decoded);
    }

    [Fact]
    public void Write_Rfc7959Figure2Exchange_ProducesVectors()
    {
        // CON [MID=1235], GET, /status, 2:1/0/128 and ACK [MID=1235], 2.05 Content, 2:1/1/128.
        Span<byte> buffer = stackalloc byte[64];
        var request = new CoapMessageWriter(buffer);
        request.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1235, ReadOnlySpan<byte>.Empty);
        request.WriteOption(CoapOptionNumber.UriPath, "status");
        request.WriteOption(CoapOptionNumber.Block2, new BlockOption(1, false, 3).Encode());
        Assert.Equal("400104d3b6737461747573c113", Hex.Format(request.Written));

        Span<byte> responseBuffer = stackalloc byte[64];
        var response = new CoapMessageWriter(responseBuffer);
        response.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Content, 1235, ReadOnlySpan<byte>.Empty);
        response.WriteOption(CoapOptionNumber.Block2, new BlockOption(1, true, 3).Encode());
        response.WritePayload("x"u8);
        Assert.Equal("604504d3d10a1bff78", Hex.Format(response.Written));
    }
}
