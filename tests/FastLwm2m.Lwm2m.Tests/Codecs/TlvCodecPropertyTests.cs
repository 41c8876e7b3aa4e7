using CsCheck;
using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.ValueCodecTestHelpers;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>TLV round trips at every path depth, and robustness on truncated and corrupted payloads.</summary>
public class TlvCodecPropertyTests
{
    private const int Iterations = 1000;
    private static readonly TlvCodec Codec = TlvCodec.Instance;
    private static readonly Lwm2mPath ObjectPath = Lwm2mPath.Object(ValueCodecModels.TestObjectId);

    [Fact]
    public void Object_EncodeThenDecode_GivesTheSameObject()
    {
        ValueCodecGen.Object.Sample(obj =>
        {
            byte[] bytes = Codec.Encode(ObjectPath, obj);
            Assert.Equal(obj, Codec.Decode(ObjectPath, bytes));
        }, iter: Iterations);
    }

    [Fact]
    public void Instance_EncodeThenDecode_GivesTheSameInstance()
    {
        ValueCodecGen.InstanceId.SelectMany(ValueCodecGen.Instance).Sample(instance =>
        {
            var path = ObjectPath.Append(instance.Id);
            Assert.Equal(instance, Codec.Decode(path, Codec.Encode(path, instance)));
        }, iter: Iterations);
    }

    [Fact]
    public void ResourceAndResourceInstance_EncodeThenDecode_GiveTheSameNode()
    {
        ValueCodecGen.Instance(0).Sample(instance =>
        {
            var instancePath = ObjectPath.Append(0);
            foreach (var resource in instance.Resources.Values)
            {
                var path = instancePath.Append(resource.Id);
                Assert.Equal(resource, Codec.Decode(path, Codec.Encode(path, resource)));
                if (resource is Lwm2mMultipleResource multiple)
                {
                    foreach (var ri in multiple.Instances.Values)
                    {
                        var riPath = path.Append(ri.Id);
                        Assert.Equal(ri, Codec.Decode(riPath, Codec.Encode(riPath, ri)));
                    }
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Float_ExactAsSingleAndNotNaN_Takes4BytesElse8()
    {
        ValueCodecGen.Double.Sample(d =>
        {
            byte[] bytes = Codec.Encode("/9000/0/3", Single(3, Lwm2mValue.FromFloat(d)));
            bool exact = !double.IsNaN(d) && BitConverter.DoubleToInt64Bits((float)d) == BitConverter.DoubleToInt64Bits(d);
            Assert.Equal(2 + (exact ? 4 : 8) + (exact ? 0 : 1), bytes.Length);
        }, iter: Iterations);
    }

    [Fact]
    public void EveryTruncation_OfAValidObject_NeverThrows()
    {
        ValueCodecGen.Object.Sample(obj =>
        {
            byte[] bytes = Codec.Encode(ObjectPath, obj);
            for (int length = 0; length < bytes.Length; length++)
            {
                AssertDecodeIsAResult(bytes.AsSpan(0, length), ObjectPath);
                AssertDecodeIsAResult(bytes.AsSpan(0, length), ObjectPath.Append(0));
            }
        }, iter: 200);
    }

    [Fact]
    public void CorruptedByte_OfAValidInstance_NeverThrows()
    {
        Gen.Select(ValueCodecGen.Instance(0), Gen.Int[0, int.MaxValue], Gen.Byte).Sample((instance, position, value) =>
        {
            byte[] bytes = Codec.Encode(ObjectPath.Append(0), instance);
            if (bytes.Length == 0)
            {
                return;
            }

            bytes[position % bytes.Length] = value;
            AssertDecodeIsAResult(bytes, ObjectPath.Append(0));
            AssertDecodeIsAResult(bytes, ObjectPath);
            AssertDecodeIsAResult(bytes, Lwm2mPath.Parse("/9000/0/10"));
        }, iter: Iterations);
    }

    internal static void AssertDecodeIsAResult(ReadOnlySpan<byte> payload, Lwm2mPath path)
    {
        bool ok = Codec.TryDecode(payload, path, ValueCodecModels.Instance, out var node, out string? error);
        Assert.Equal(ok, node is not null);
        Assert.Equal(ok, error is null);
        if (!ok)
        {
            Assert.StartsWith("TLV: ", error);
        }
    }
}
