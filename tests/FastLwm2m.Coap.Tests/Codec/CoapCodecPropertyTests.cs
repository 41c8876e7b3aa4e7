using System.Buffers;
using System.Text;
using CsCheck;

namespace FastLwm2m.Coap.Tests.Codec;

public class CoapCodecPropertyTests
{
    private const int Iterations = 2_000;

    private static readonly Gen<CoapMessageType> GenType = Gen.Int[0, 3].Select(i => (CoapMessageType)i);

    // Classes 0 (requests), 2-5 (responses, 3 unassigned but not reserved); 1, 6, 7 are reserved (§12.1).
    private static readonly Gen<CoapCode> GenCode = Gen.Select(Gen.OneOf(0, 2, 3, 4, 5), Gen.Int[0, 31], (c, d) => new CoapCode(c, d));

    // Mostly small numbers (deltas 0-12), some needing 1 and 2 extended bytes, up to 65535.
    private static readonly Gen<int> GenNumber = Gen.Frequency((6, Gen.Int[0, 40]), (2, Gen.Int[0, 1000]), (1, Gen.Int[0, 65535]));

    // Mostly short values, some up to ~600 bytes (2-byte extended length).
    private static readonly Gen<byte[]> GenValue = Gen.Frequency((8, Gen.Byte.Array[0, 20]), (1, Gen.Byte.Array[0, 600]));

    private static readonly Gen<(ushort Number, byte[] Value)[]> GenOptions =
        Gen.Select(GenNumber, GenValue).Array[0, 10]
            .Select(options => options.OrderBy(o => o.Item1).Select(o => ((ushort)o.Item1, o.Item2)).ToArray());

    private static readonly Gen<byte[]> GenPayload = Gen.Frequency((3, Gen.Const(Array.Empty<byte>())), (3, Gen.Byte.Array[1, 64]), (1, Gen.Byte.Array[1, 1200]));

    internal static readonly Gen<TestMessage> GenMessage = Gen.Select(
        GenType, GenCode, Gen.UShort, Gen.Byte.Array[0, 8], GenOptions, GenPayload,
        (type, code, messageId, token, options, payload) => code.IsEmpty
            ? new TestMessage(type, code, messageId, [], [], [])
            : new TestMessage(type, code, messageId, token, options, payload));

    // Random datagrams biased towards version 1, valid code classes and option-like bytes, so that
    // the fuzzing gets past the header checks.
    private static readonly Gen<byte[]> GenDatagram = Gen.Frequency(
        (1, Gen.Byte.Array[0, 40]),
        (4, Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte.Array[0, 60], (first, code, rest) =>
            new[] { (byte)(0x40 | (first & 0x3F)), (byte)(code & 0x5F), (byte)0x12, (byte)0x34 }.Concat(rest).ToArray())));

    [Fact]
    public void WriteThenParse_RandomMessage_RoundTrips()
    {
        GenMessage.Sample(message =>
        {
            var datagram = message.Encode();

            Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(datagram, out var reader));
            Assert.True(message.SameAs(TestMessage.From(reader)), $"{message} != {TestMessage.From(reader)}");
            Assert.Equal(CoapParseStatus.Ok, ReferenceCoapParser.Validate(datagram));
        }, iter: Iterations);
    }

    [Fact]
    public void TryParse_EveryTruncationOfValidMessage_NeverThrowsAndAgreesWithReference()
    {
        GenMessage.Sample(message =>
        {
            var datagram = message.Encode();
            for (int length = 0; length < datagram.Length; length++)
            {
                AssertParsesLikeReference(datagram[..length]);
            }
        }, iter: Iterations / 4);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrowsAndAgreesWithReference()
    {
        GenDatagram.Sample(AssertParsesLikeReference, iter: Iterations * 10);
    }

    [Fact]
    public void TryParse_ValidMessageWithOneByteChanged_NeverThrowsAndAgreesWithReference()
    {
        Gen.Select(GenMessage, Gen.Int[0, int.MaxValue], Gen.Byte).Sample((message, position, value) =>
        {
            var datagram = message.Encode();
            datagram[position % datagram.Length] = value;
            AssertParsesLikeReference(datagram);
        }, iter: Iterations * 5);
    }

    [Fact]
    public void Write_IntoTooSmallSpan_OverflowsWithoutThrowingAndWritesAPrefix()
    {
        GenMessage.Sample(message =>
        {
            var full = message.Encode();
            for (int size = 0; size <= full.Length; size++)
            {
                var buffer = new byte[size];
                var writer = new CoapMessageWriter(buffer);
                message.WriteTo(ref writer);

                Assert.Equal(size < full.Length, writer.HasOverflowed);
                Assert.True(writer.BytesWritten <= size);
                Assert.True(full.AsSpan().StartsWith(writer.Written));
            }
        }, iter: Iterations / 10);
    }

    [Fact]
    public void WriteOption_RandomStringIntoTooSmallSpan_OverflowsWithoutThrowing()
    {
        Gen.Select(GenNumber, Gen.String[0, 40]).Sample((number, text) =>
        {
            int full = 4 + 5 + Encoding.UTF8.GetByteCount(text);
            var expected = new byte[full];
            var reference = new CoapMessageWriter(expected);
            reference.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
            reference.WriteOption((ushort)number, Encoding.UTF8.GetBytes(text));

            for (int size = 0; size <= reference.BytesWritten; size++)
            {
                var buffer = new byte[size];
                var writer = new CoapMessageWriter(buffer);
                writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
                writer.WriteOption((ushort)number, text);

                Assert.Equal(size < reference.BytesWritten, writer.HasOverflowed);
                Assert.True(reference.Written.StartsWith(writer.Written));
            }
        }, iter: Iterations / 4);
    }

    [Fact]
    public void BufferWriter_RandomMessage_WritesTheSameBytesAsSpanWriter()
    {
        GenMessage.Sample(message =>
        {
            var expected = message.Encode();
            var output = new ArrayBufferWriter<byte>(1);
            var writer = new CoapBufferWriter<ArrayBufferWriter<byte>>(ref output);
            message.WriteTo(ref writer);

            Assert.Equal(expected.Length, writer.BytesWritten);
            Assert.Equal(Hex.Format(expected), Hex.Format(output.WrittenSpan));
        }, iter: Iterations);
    }

    [Fact]
    public void WriteOption_RandomString_EqualsItsUtf8Bytes()
    {
        Gen.Select(GenNumber, Gen.String[0, 300]).Sample((number, text) =>
        {
            var asString = new byte[1024];
            var asBytes = new byte[1024];
            var stringWriter = new CoapMessageWriter(asString);
            var bytesWriter = new CoapMessageWriter(asBytes);
            stringWriter.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
            bytesWriter.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);

            stringWriter.WriteOption((ushort)number, text);
            bytesWriter.WriteOption((ushort)number, Encoding.UTF8.GetBytes(text));

            Assert.True(stringWriter.Written.SequenceEqual(bytesWriter.Written));
        }, iter: Iterations);
    }

    [Fact]
    public void WriteOption_RandomUInt_RoundTripsInShortestForm()
    {
        Gen.Select(GenNumber, Gen.Frequency((1, Gen.UInt), (1, Gen.UInt[0, 300]))).Sample((number, value) =>
        {
            var buffer = new byte[16];
            var writer = new CoapMessageWriter(buffer);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
            writer.WriteOption((ushort)number, value);

            Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(writer.Written, out var reader));
            Assert.True(reader.TryGetOption((ushort)number, out var bytes));
            int shortest = value == 0 ? 0 : value <= 0xFF ? 1 : value <= 0xFFFF ? 2 : value <= 0xFFFFFF ? 3 : 4;
            Assert.Equal(shortest, bytes.Length);
            Assert.True(bytes.IsEmpty || bytes[0] != 0);
            Assert.True(reader.TryGetUInt32((ushort)number, out uint decoded));
            Assert.Equal(value, decoded);
        }, iter: Iterations);
    }

    private static void AssertParsesLikeReference(byte[] datagram)
    {
        var status = CoapMessageReader.TryParse(datagram, out var reader);

        Assert.Equal(ReferenceCoapParser.Validate(datagram), status);
        if (status == CoapParseStatus.Ok)
        {
            // The encoding is unique (§3.1 extended values start where the shorter form ends), so a
            // valid datagram re-encodes to itself, and enumeration visits every byte.
            Assert.Equal(Hex.Format(datagram), Hex.Format(TestMessage.From(reader).Encode()));
            _ = reader.FindUnrecognizedCriticalOption();
        }
        else
        {
            Assert.True(reader.Datagram.IsEmpty);
            Assert.True(reader.Token.IsEmpty);
            Assert.True(reader.Payload.IsEmpty);
        }
    }
}
