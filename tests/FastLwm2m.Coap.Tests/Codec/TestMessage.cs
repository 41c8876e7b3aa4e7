using System.Buffers;
using System.Text;

namespace FastLwm2m.Coap.Tests.Codec;

/// <summary>A heap model of a message for round-trip and property tests.</summary>
internal sealed record TestMessage(
    CoapMessageType Type, CoapCode Code, ushort MessageId, byte[] Token, (ushort Number, byte[] Value)[] Options, byte[] Payload)
{
    /// <summary>Upper bound of the encoded size.</summary>
    public int MaxSize => 4 + Token.Length + Options.Sum(o => 5 + o.Value.Length) + 1 + Payload.Length;

    /// <summary>Writes with <see cref="CoapMessageWriter"/> into an exact-size array.</summary>
    public byte[] Encode()
    {
        var buffer = new byte[MaxSize];
        var writer = new CoapMessageWriter(buffer);
        WriteTo(ref writer);
        Assert.False(writer.HasOverflowed);
        return writer.Written.ToArray();
    }

    public void WriteTo(ref CoapMessageWriter writer)
    {
        writer.WriteHeader(Type, Code, MessageId, Token);
        foreach (var (number, value) in Options)
        {
            writer.WriteOption(number, value);
        }

        writer.WritePayload(Payload);
    }

    public void WriteTo<TBufferWriter>(ref CoapBufferWriter<TBufferWriter> writer)
        where TBufferWriter : IBufferWriter<byte>
    {
        writer.WriteHeader(Type, Code, MessageId, Token);
        foreach (var (number, value) in Options)
        {
            writer.WriteOption(number, value);
        }

        writer.WritePayload(Payload);
    }

    /// <summary>Copies a parsed message onto the heap.</summary>
    public static TestMessage From(CoapMessageReader reader)
    {
        var options = new List<(ushort, byte[])>();
        foreach (var option in reader.Options)
        {
            options.Add((option.Number, option.Value.ToArray()));
        }

        return new TestMessage(reader.Type, reader.Code, reader.MessageId, reader.Token.ToArray(), options.ToArray(), reader.Payload.ToArray());
    }

    public static TestMessage Parse(byte[] datagram)
    {
        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(datagram, out var reader));
        return From(reader);
    }

    /// <summary>Structural equality (records compare arrays by reference).</summary>
    public bool SameAs(TestMessage other) =>
        Type == other.Type && Code == other.Code && MessageId == other.MessageId
        && Token.AsSpan().SequenceEqual(other.Token)
        && Payload.AsSpan().SequenceEqual(other.Payload)
        && Options.Length == other.Options.Length
        && Options.Zip(other.Options).All(p => p.First.Number == p.Second.Number && p.First.Value.AsSpan().SequenceEqual(p.Second.Value));

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append($"{Type} {Code} mid={MessageId} token={Hex.Format(Token)}");
        foreach (var (number, value) in Options)
        {
            sb.Append($" [{number}:{value.Length}B]");
        }

        return sb.Append($" payload={Payload.Length}B").ToString();
    }
}
