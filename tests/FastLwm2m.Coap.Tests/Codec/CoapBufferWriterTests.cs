using System.Buffers;

namespace FastLwm2m.Coap.Tests.Codec;

public class CoapBufferWriterTests
{
    [Fact]
    public void Write_Rfc7252Figure16Request_IntoArrayBufferWriter_ProducesVector()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new CoapBufferWriter<ArrayBufferWriter<byte>>(ref output);

        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 0x7d34, ReadOnlySpan<byte>.Empty);
        writer.WriteOption(CoapOptionNumber.UriPath, "temperature");
        writer.WritePayload(ReadOnlySpan<byte>.Empty);

        Assert.Equal("40017d34bb74656d7065726174757265", Hex.Format(output.WrittenSpan));
        Assert.Equal(16, writer.BytesWritten);
    }

    [Fact]
    public void Write_AllOptionKinds_IntoStructBufferWriter_AdvancesTheCallersStruct()
    {
        var output = new FixedBufferWriter(new byte[64]);
        var writer = new CoapBufferWriter<FixedBufferWriter>(ref output);

        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Content, 0x1234, new CoapToken([0xaa, 0xbb]));
        writer.WriteOption(CoapOptionNumber.ContentFormat, 11542u);
        writer.WriteOption(CoapOptionNumber.Block2, new byte[] { 0x0b });
        writer.WriteOption(CoapOptionNumber.Size2, "\u00e9");
        writer.WritePayload("x"u8);

        // The writer holds a ref to the caller's struct: its position moved.
        Assert.Equal(writer.BytesWritten, output.Written);
        Assert.Equal("62451234aabb c2 2d16 b1 0b 52 c3a9 ff 78".Replace(" ", string.Empty), Hex.Format(output.WrittenSpan));
    }

    [Fact]
    public void WriteOption_DecreasingNumber_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new CoapBufferWriter<ArrayBufferWriter<byte>>(ref output);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, ReadOnlySpan<byte>.Empty);
            writer.WriteOption(CoapOptionNumber.UriQuery, "a");
            writer.WriteOption(CoapOptionNumber.UriPath, "b");
        });
    }

    [Fact]
    public void WriteHeader_TokenLongerThanEight_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new CoapBufferWriter<ArrayBufferWriter<byte>>(ref output);
            writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Get, 1, new byte[9]);
        });
    }

    /// <summary>A struct <see cref="IBufferWriter{T}"/> over a fixed array, to prove calls reach the caller's copy.</summary>
    private struct FixedBufferWriter(byte[] buffer) : IBufferWriter<byte>
    {
        private readonly byte[] _buffer = buffer;

        public int Written { get; private set; }

        public readonly ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Written);

        public void Advance(int count) => Written += count;

        public readonly Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Written);

        public readonly Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Written);
    }
}
