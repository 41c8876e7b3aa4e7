using System.Buffers;
using CsCheck;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.SenmlTestGenerators;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>Round trips and robustness of LwM2M 1.0 JSON, on random nodes of every type and level.</summary>
public class Lwm2mJsonCodecPropertyTests
{
    private readonly Lwm2mJsonCodec _codec = new(new ManualTimeProvider());

    [Fact]
    public void EncodeThenDecode_GivesTheSameNode()
    {
        PathAndNode(json: true, nonEmpty: true).Sample((path, node) =>
        {
            var bytes = Encode(_codec, path, node);
            Assert.Equal(node, Decode(_codec, bytes, path));
        }, iter: 400);
    }

    [Fact]
    public void EncodeTimestampedThenDecode_GivesOneNodePerTime()
    {
        var path = Lwm2mPath.Instance(ObjectId, 0);
        var times = Gen.Long[268_435_456, 4_102_444_800].ArrayUnique[1, 4];
        times.SelectMany(t => Sequence(t.Select(_ => Instance(0, json: true, nonEmpty: true)).ToArray())
                .Select(instances => t.Select((s, k) => new TimestampedNode(DateTimeOffset.FromUnixTimeSeconds(s), path, instances[k])).ToArray()))
            .Sample(nodes =>
            {
                var output = new ArrayBufferWriter<byte>();
                Assert.True(_codec.TryEncodeTimestamped(nodes, SenmlTestModels.Instance, output, out string? error), error);
                Assert.True(_codec.TryDecodeTimestamped(output.WrittenSpan, path, SenmlTestModels.Instance, out var decoded, out error), error);
                Assert.Equal(nodes, decoded!);
            }, iter: 200);
    }

    [Fact]
    public void RandomAndMutatedPayloads_NeverThrow()
    {
        var text = Gen.Char["[]{}\":,0123456789.-+eEnbvstdlo/_ "].Array[0, 64].Select(c => System.Text.Encoding.UTF8.GetBytes(c));
        Gen.OneOf(Gen.Byte.Array[0, 64], text).Sample(payload => DecodeEverything(payload, Lwm2mPath.Instance(3, 0)), iter: 2000);

        Gen.Select(PathAndNode(json: true, nonEmpty: true), Gen.Int, Gen.Byte).Sample((pathAndNode, position, value) =>
        {
            var bytes = Encode(_codec, pathAndNode.Path, pathAndNode.Node);
            for (int length = 0; length < bytes.Length; length++)
            {
                DecodeEverything(bytes.AsSpan(0, length).ToArray(), pathAndNode.Path);
            }

            bytes[(int)((uint)position % (uint)bytes.Length)] = value;
            DecodeEverything(bytes, pathAndNode.Path);
        }, iter: 100);
    }

    private void DecodeEverything(byte[] payload, Lwm2mPath path)
    {
        if (!_codec.TryDecode(payload, path, SenmlTestModels.Instance, out var node, out string? error))
        {
            Assert.Null(node);
            Assert.False(string.IsNullOrEmpty(error));
        }

        if (!_codec.TryDecodeTimestamped(payload, path, SenmlTestModels.Instance, out var nodes, out error))
        {
            Assert.Null(nodes);
            Assert.False(string.IsNullOrEmpty(error));
        }
    }
}
