using System.Buffers;
using System.Formats.Cbor;
using BenchmarkDotNet.Attributes;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Benchmarks;

/// <summary>
/// The SenML CBOR codec (RFC 8428 §6, LwM2M Core §7.4.5) on a Read of the Device object instance
/// /3/0 with 20 resources (the Core example plus Timezone, Device Type, versions, Battery Status,
/// Memory Total and ExtDevInfo): 25 records, the first with bn "/3/0/", the rest named relative.
/// </summary>
[MemoryDiagnoser]
public class SenmlCborBenchmarks
{
    private static readonly Lwm2mPath DevicePath = DeviceInstanceFixture.Path;

    private readonly SenmlCborCodec _codec = new();
    private readonly ArrayBufferWriter<byte> _output = new(1024);
    private readonly IObjectModelProvider _models = DeviceInstanceFixture.Models;
    private Lwm2mObjectInstance _device = null!;
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        _device = DeviceInstanceFixture.Create();
        _payload = DeviceInstanceFixture.Encode(_codec, _device, _output);
    }

    /// <summary>Skip over the whole pack with <see cref="CborReader"/>: the floor of decoding (no names, no nodes).</summary>
    [Benchmark(Baseline = true)]
    public int SkipPack()
    {
        var reader = new CborReader(_payload, CborConformanceMode.Lax);
        reader.SkipValue();
        return reader.BytesRemaining;
    }

    /// <summary>Decode /3/0 into nodes with typed values (names resolved and parsed, types from the model).</summary>
    [Benchmark]
    public Lwm2mNode? DecodeDeviceInstance()
    {
        _codec.TryDecode(_payload, DevicePath, _models, out var node, out _);
        return node;
    }

    /// <summary>Encode /3/0 into a reused buffer writer.</summary>
    [Benchmark]
    public int EncodeDeviceInstance()
    {
        _output.ResetWrittenCount();
        _codec.TryEncode(DevicePath, _device, _models, _output, out _);
        return _output.WrittenCount;
    }
}
