using BenchmarkDotNet.Attributes;
using FastLwm2m.Coap;

namespace FastLwm2m.Benchmarks;

/// <summary>
/// The CoAP codec (RFC 7252 §3) on the messages a LwM2M server handles most: the client's
/// Update (POST /rd/{location}?lt=300) and the server's piggybacked 2.04 Changed.
/// </summary>
[MemoryDiagnoser]
public class CoapCodecBenchmarks
{
    private static readonly byte[] TokenBytes = [0x5a, 0x3f, 0x9c, 0x2e, 0x1b, 0x00, 0x42, 0x17];
    private static readonly CoapToken Token = new(TokenBytes);

    private readonly byte[] _output = new byte[256];
    private readonly byte[] _path = new byte[64];
    private byte[] _update = [];
    private byte[] _changed = [];
    private byte[] _emptyAck = [];

    [GlobalSetup]
    public void Setup()
    {
        var writer = new CoapMessageWriter(_output);
        WriteUpdateRequest(ref writer);
        _update = writer.Written.ToArray();

        writer = new CoapMessageWriter(_output);
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Changed, 0x1235, Token);
        writer.WritePayload(ReadOnlySpan<byte>.Empty);
        _changed = writer.Written.ToArray();

        _emptyAck = new byte[4];
        CoapMessageWriter.WriteEmpty(_emptyAck, CoapMessageType.Acknowledgement, 0x1235);
    }

    /// <summary>Parse of the 4-byte empty ACK: the floor of the parser.</summary>
    [Benchmark(Baseline = true)]
    public int ParseEmptyAck()
    {
        CoapMessageReader.TryParse(_emptyAck, out var reader);
        return reader.MessageId;
    }

    /// <summary>Parse an Update and read its Uri-Path ("rd/5a3f9c2e1b") and Uri-Query ("lt=300").</summary>
    [Benchmark]
    public int ParseUpdateRequest()
    {
        if (CoapMessageReader.TryParse(_update, out var reader) != CoapParseStatus.Ok)
        {
            return -1;
        }

        int pathLength = reader.CopyUriPath(_path);
        reader.TryGetOption(CoapOptionNumber.UriQuery, out var query);
        return pathLength + query.Length + reader.Token.Length;
    }

    /// <summary>Write the same Update request.</summary>
    [Benchmark]
    public int WriteUpdateRequest()
    {
        var writer = new CoapMessageWriter(_output);
        WriteUpdateRequest(ref writer);
        return writer.BytesWritten;
    }

    /// <summary>Parse the piggybacked 2.04 Changed response.</summary>
    [Benchmark]
    public int ParseChangedResponse()
    {
        CoapMessageReader.TryParse(_changed, out var reader);
        return reader.Code.Value + reader.Token.Length + reader.Payload.Length;
    }

    /// <summary>Write a piggybacked 2.04 Changed (ACK with the request's token).</summary>
    [Benchmark]
    public int WriteChangedResponse()
    {
        var writer = new CoapMessageWriter(_output);
        writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Changed, 0x1235, Token);
        writer.WritePayload(ReadOnlySpan<byte>.Empty);
        return writer.BytesWritten;
    }

    private static void WriteUpdateRequest(ref CoapMessageWriter writer)
    {
        writer.WriteHeader(CoapMessageType.Confirmable, CoapCode.Post, 0x1235, TokenBytes);
        writer.WriteOption(CoapOptionNumber.UriPath, "rd");
        writer.WriteOption(CoapOptionNumber.UriPath, "5a3f9c2e1b");
        writer.WriteOption(CoapOptionNumber.UriQuery, "lt=300");
        writer.WritePayload(ReadOnlySpan<byte>.Empty);
    }
}
