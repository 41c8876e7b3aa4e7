using System.Buffers;
using CsCheck;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.SenmlTestGenerators;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>Round trips and robustness of SenML JSON and SenML CBOR, on random nodes of every type and level.</summary>
public class SenmlCodecPropertyTests
{
    public static TheoryData<string> Formats => new() { "json", "cbor" };

    private static ILwm2mCompositeCodec Codec(string format) =>
        format == "json" ? new SenmlJsonCodec(new ManualTimeProvider()) : new SenmlCborCodec(new ManualTimeProvider());

    [Theory]
    [MemberData(nameof(Formats))]
    public void EncodeThenDecode_GivesTheSameNode(string format)
    {
        var codec = Codec(format);
        PathAndNode(json: format == "json", nonEmpty: true).Sample((path, node) =>
        {
            var bytes = Encode(codec, path, node);
            Assert.Equal(node, Decode(codec, bytes, path));
        }, iter: 400);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void EncodePathsThenDecode_GivesTheSamePaths(string format)
    {
        var codec = Codec(format);
        AnyPath.Array[0, 8].Sample(paths =>
        {
            var output = new ArrayBufferWriter<byte>();
            Assert.True(codec.TryEncodePaths(paths, output, out string? error), error);
            Assert.True(codec.TryDecodePaths(output.WrittenSpan, out var decoded, out error), error);
            Assert.Equal(paths, decoded);
        }, iter: 300);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void EncodeNodesThenDecode_GivesTheSameNodesInOrder(string format)
    {
        var codec = Codec(format);
        var entry = Gen.Frequency<KeyValuePair<Lwm2mPath, Lwm2mNode?>>(
            (3, LeafNode(json: format == "json").Select(t => new KeyValuePair<Lwm2mPath, Lwm2mNode?>(t.Path, t.Node))),
            (1, AnyPath.Select(p => new KeyValuePair<Lwm2mPath, Lwm2mNode?>(p, null))));
        entry.Array[0, 6].Where(a => a.Select(e => e.Key).Distinct().Count() == a.Length).Sample(nodes =>
        {
            var output = new ArrayBufferWriter<byte>();
            Assert.True(codec.TryEncodeNodes(nodes, SenmlTestModels.Instance, output, out string? error), error);
            Assert.True(codec.TryDecodeNodes(output.WrittenSpan, SenmlTestModels.Instance, out var decoded, out error), error);
            Assert.Equal(nodes, decoded!);
        }, iter: 300);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void EncodeTimestampedThenDecode_GivesTheSameEntriesInOrder(string format)
    {
        var codec = Codec(format);
        Gen.Select(Timestamp, LeafNode(json: format == "json"), (t, n) => new TimestampedNode(t, n.Path, n.Node)).Array[0, 6]
            .Where(a => a.Select(e => (e.Timestamp, e.Path)).Distinct().Count() == a.Length)
            .Sample(nodes =>
            {
                var output = new ArrayBufferWriter<byte>();
                Assert.True(codec.TryEncodeTimestampedNodes(nodes, SenmlTestModels.Instance, output, out string? error), error);
                Assert.True(codec.TryDecodeTimestampedNodes(output.WrittenSpan, SenmlTestModels.Instance, out var decoded, out error), error);
                Assert.Equal(nodes, decoded!);
            }, iter: 300);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void RandomBytes_NeverThrow(string format)
    {
        var codec = Codec(format);
        var bytes = format == "json"
            ? Gen.OneOf(Gen.Byte.Array[0, 64], Gen.Char["[]{}\":,0123456789.-+eEnbvstdlo/_ "].Array[0, 64].Select(c => System.Text.Encoding.UTF8.GetBytes(c)))
            : Gen.OneOf(Gen.Byte.Array[0, 64], Gen.Byte[0x00, 0x3F].Array[0, 8].Select(b => (byte[])[0x81, 0xA2, .. b]));
        bytes.Sample(payload => DecodeEverything(codec, payload), iter: 2000);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void TruncatedAndMutatedPayloads_NeverThrow(string format)
    {
        var codec = Codec(format);
        Gen.Select(PathAndNode(json: format == "json", nonEmpty: true), Gen.Int, Gen.Byte).Sample((pathAndNode, position, value) =>
        {
            var bytes = Encode(codec, pathAndNode.Path, pathAndNode.Node);
            for (int length = 0; length < bytes.Length; length++)
            {
                DecodeEverything(codec, bytes.AsSpan(0, length).ToArray(), pathAndNode.Path);
            }

            if (bytes.Length > 0)
            {
                bytes[(int)((uint)position % (uint)bytes.Length)] = value;
                DecodeEverything(codec, bytes, pathAndNode.Path);
            }
        }, iter: 100);
    }

    internal static void DecodeEverything(ILwm2mCompositeCodec codec, byte[] payload, Lwm2mPath? path = null)
    {
        foreach (var p in path is { } given ? [given] : new[] { Lwm2mPath.Object(3), Lwm2mPath.Instance(3, 0), Lwm2mPath.Resource(3, 0, 7), Lwm2mPath.ResourceInstance(3, 0, 7, 0) })
        {
            if (!codec.TryDecode(payload, p, SenmlTestModels.Instance, out var node, out string? error))
            {
                Assert.Null(node);
                Assert.False(string.IsNullOrEmpty(error));
            }

            codec.TryDecode(payload, p, SenmlTestModels.None, out _, out _);
        }

        if (!codec.TryDecodePaths(payload, out var paths, out string? pathsError))
        {
            Assert.Null(paths);
            Assert.False(string.IsNullOrEmpty(pathsError));
        }

        if (!codec.TryDecodeNodes(payload, SenmlTestModels.Instance, out var nodes, out string? nodesError))
        {
            Assert.Null(nodes);
            Assert.False(string.IsNullOrEmpty(nodesError));
        }

        if (!codec.TryDecodeTimestampedNodes(payload, SenmlTestModels.Instance, out var timestamped, out string? timestampedError))
        {
            Assert.Null(timestamped);
            Assert.False(string.IsNullOrEmpty(timestampedError));
        }
    }
}
