using CsCheck;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>Whatever the bytes, TryDecode returns a result (a node, or an error) and never throws.</summary>
public class ValueCodecRobustnessTests
{
    private static readonly ILwm2mNodeCodec[] Codecs = [TlvCodec.Instance, TextCodec.Instance, OpaqueCodec.Instance, CborCodec.Instance];

    private static readonly Lwm2mPath[] Paths =
    [
        .. new[] { "/", "/3", "/3/0", "/3/0/6", "/3/0/6/0", "/9000", "/9000/0", "/9000/0/10", "/9000/0/15/3", "/9999", "/9999/0", "/9999/0/1", "/9999/0/1/1" }
            .Select(p => Lwm2mPath.Parse(p)),
        .. Enumerable.Range(0, ValueCodecModels.ValueTypes.Length).Select(i => Lwm2mPath.Resource(ValueCodecModels.TestObjectId, 0, i)),
    ];

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        Gen.Frequency<byte[]>((3, Gen.Byte.Array[0, 16]), (1, Gen.Byte.Array[0, 300])).Sample(bytes =>
        {
            foreach (var codec in Codecs)
            {
                foreach (var path in Paths)
                {
                    AssertDecodeIsAResult(codec, bytes, path);
                }
            }
        }, iter: 3000);
    }

    [Fact]
    public void EveryTruncationOfAValidSingleValue_NeverThrows()
    {
        ValueCodecGen.AnySingleValue.Sample(single =>
        {
            var path = Lwm2mPath.Resource(ValueCodecModels.TestObjectId, 0, single.ResourceId);
            foreach (var codec in Codecs)
            {
                var output = new System.Buffers.ArrayBufferWriter<byte>();
                if (!codec.TryEncode(path, new Lwm2mSingleResource(single.ResourceId, single.Value), ValueCodecModels.Instance, output, out _))
                {
                    continue; // opaque: only Opaque values
                }

                byte[] bytes = output.WrittenSpan.ToArray();
                for (int length = 0; length <= bytes.Length; length++)
                {
                    AssertDecodeIsAResult(codec, bytes.AsSpan(0, length), path);
                }
            }
        }, iter: 1000);
    }

    private static void AssertDecodeIsAResult(ILwm2mNodeCodec codec, ReadOnlySpan<byte> payload, Lwm2mPath path)
    {
        bool ok = codec.TryDecode(payload, path, ValueCodecModels.Instance, out var node, out string? error);
        Assert.Equal(ok, node is not null);
        Assert.Equal(ok, error is null);
    }
}
