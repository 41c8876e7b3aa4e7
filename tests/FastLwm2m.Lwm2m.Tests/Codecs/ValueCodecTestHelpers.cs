using System.Buffers;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>Shorthands for the codec tests.</summary>
internal static class ValueCodecTestHelpers
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static byte[] Encode(this ILwm2mNodeCodec codec, string path, Lwm2mNode node) => codec.Encode(Lwm2mPath.Parse(path), node);

    public static byte[] Encode(this ILwm2mNodeCodec codec, Lwm2mPath path, Lwm2mNode node)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(codec.TryEncode(path, node, ValueCodecModels.Instance, output, out string? error), error);
        Assert.Null(error);
        return output.WrittenSpan.ToArray();
    }

    public static Lwm2mNode Decode(this ILwm2mNodeCodec codec, string path, byte[] payload) => codec.Decode(Lwm2mPath.Parse(path), payload);

    public static Lwm2mNode Decode(this ILwm2mNodeCodec codec, Lwm2mPath path, byte[] payload)
    {
        Assert.True(codec.TryDecode(payload, path, ValueCodecModels.Instance, out var node, out string? error), error);
        Assert.Null(error);
        return node!;
    }

    public static string DecodeError(this ILwm2mNodeCodec codec, string path, byte[] payload)
    {
        Assert.False(codec.TryDecode(payload, Lwm2mPath.Parse(path), ValueCodecModels.Instance, out var node, out string? error));
        Assert.Null(node);
        Assert.NotNull(error);
        return error;
    }

    public static string EncodeError(this ILwm2mNodeCodec codec, string path, Lwm2mNode node)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(codec.TryEncode(Lwm2mPath.Parse(path), node, ValueCodecModels.Instance, output, out string? error));
        Assert.Equal(0, output.WrittenCount);
        Assert.NotNull(error);
        return error;
    }

    public static Lwm2mSingleResource Single(int id, Lwm2mValue value) => new(id, value);

    public static Lwm2mMultipleResource Multiple(int id, ResourceType type, params (int Id, Lwm2mValue Value)[] instances) =>
        new(id, type, instances.Select(i => new Lwm2mResourceInstance(i.Id, i.Value)));

    public static Lwm2mMultipleResource Integers(int id, params (int Id, long Value)[] instances) =>
        new(id, ResourceType.Integer, instances.Select(i => new Lwm2mResourceInstance(i.Id, Lwm2mValue.FromInteger(i.Value))));

    public static Lwm2mValue Str(string s) => Lwm2mValue.FromString(s);

    public static Lwm2mValue Int(long v) => Lwm2mValue.FromInteger(v);
}
