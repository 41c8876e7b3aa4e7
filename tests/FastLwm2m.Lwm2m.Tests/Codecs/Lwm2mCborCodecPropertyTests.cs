using System.Buffers;
using CsCheck;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.SenmlTestGenerators;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>Round trips and robustness of LwM2M CBOR, on random nodes of every type and level (empty containers included).</summary>
public class Lwm2mCborCodecPropertyTests
{
    private readonly Lwm2mCborCodec _codec = new();

    private static bool NonOverlapping(IReadOnlyList<Lwm2mPath> paths)
    {
        for (int i = 0; i < paths.Count; i++)
        {
            for (int j = 0; j < paths.Count; j++)
            {
                if (i != j && paths[i].StartsWith(paths[j]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Fact]
    public void EncodeThenDecode_GivesTheSameNode()
    {
        PathAndNode(json: false, nonEmpty: false).Sample((path, node) =>
        {
            var bytes = Encode(_codec, path, node);
            Assert.Equal(node, Decode(_codec, bytes, path));
        }, iter: 400);
    }

    [Fact]
    public void EncodePathsThenDecode_GivesTheSamePathsSorted()
    {
        AnyPath.Array[0, 8].Where(p => NonOverlapping(p)).Sample(paths =>
        {
            var output = new ArrayBufferWriter<byte>();
            Assert.True(_codec.TryEncodePaths(paths, output, out string? error), error);
            Assert.True(_codec.TryDecodePaths(output.WrittenSpan, out var decoded, out error), error);
            Assert.Equal(paths.Order(), decoded);
        }, iter: 300);
    }

    [Fact]
    public void EncodeNodesThenDecode_GivesTheSameNodesSorted()
    {
        var entry = Gen.Frequency<KeyValuePair<Lwm2mPath, Lwm2mNode?>>(
            (3, LeafNode(json: false).Select(t => new KeyValuePair<Lwm2mPath, Lwm2mNode?>(t.Path, t.Node))),
            (1, AnyPath.Where(p => !p.IsRoot).Select(p => new KeyValuePair<Lwm2mPath, Lwm2mNode?>(p, null))));
        entry.Array[0, 6].Where(a => NonOverlapping(a.Select(e => e.Key).ToArray())).Sample(nodes =>
        {
            var output = new ArrayBufferWriter<byte>();
            Assert.True(_codec.TryEncodeNodes(nodes, SenmlTestModels.Instance, output, out string? error), error);
            Assert.True(_codec.TryDecodeNodes(output.WrittenSpan, SenmlTestModels.Instance, out var decoded, out error), error);
            Assert.Equal(nodes.OrderBy(e => e.Key), decoded!);
        }, iter: 300);
    }

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        Gen.OneOf(Gen.Byte.Array[0, 64], Gen.Byte.Array[0, 12].Select(b => (byte[])[0xA1, 0x83, .. b]))
            .Sample(payload => SenmlCodecPropertyTests.DecodeEverything(_codec, payload), iter: 2000);
    }

    [Fact]
    public void TruncatedAndMutatedPayloads_NeverThrow()
    {
        Gen.Select(PathAndNode(json: false, nonEmpty: false), Gen.Int, Gen.Byte).Sample((pathAndNode, position, value) =>
        {
            var bytes = Encode(_codec, pathAndNode.Path, pathAndNode.Node);
            for (int length = 0; length < bytes.Length; length++)
            {
                SenmlCodecPropertyTests.DecodeEverything(_codec, bytes.AsSpan(0, length).ToArray(), pathAndNode.Path);
            }

            bytes[(int)((uint)position % (uint)bytes.Length)] = value;
            SenmlCodecPropertyTests.DecodeEverything(_codec, bytes, pathAndNode.Path);
        }, iter: 100);
    }
}
