using System.Buffers;
using BenchmarkDotNet.Attributes;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Benchmarks;

/// <summary>
/// The TLV codec (Core §7.4.3) on the payload a server decodes most: a Read of the Device object
/// instance /3/0 with 20 resources (the Core §7.4.3.2 example plus Timezone, Device Type,
/// versions, Battery Status, Memory Total and ExtDevInfo), 179 bytes.
/// </summary>
[MemoryDiagnoser]
public class TlvBenchmarks
{
    private static readonly Lwm2mPath DevicePath = DeviceInstanceFixture.Path;

    private readonly ArrayBufferWriter<byte> _output = new(512);
    private readonly IObjectModelProvider _models = DeviceInstanceFixture.Models;
    private Lwm2mObjectInstance _device = null!;
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        _device = DeviceInstanceFixture.Create();
        _payload = DeviceInstanceFixture.Encode(TlvCodec.Instance, _device, _output);
    }

    /// <summary>Walk every entry and nested entry with <see cref="TlvReader"/>: the floor of decoding.</summary>
    [Benchmark(Baseline = true)]
    public int ReadEntries()
    {
        int count = 0;
        var reader = new TlvReader(_payload);
        while (reader.TryRead(out var entry))
        {
            count++;
            if (entry.IsContainer)
            {
                var children = entry.ReadChildren();
                while (children.TryRead(out _))
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Decode /3/0 into nodes with typed values.</summary>
    [Benchmark]
    public Lwm2mNode? DecodeDeviceInstance()
    {
        TlvCodec.Instance.TryDecode(_payload, DevicePath, _models, out var node, out _);
        return node;
    }

    /// <summary>Encode /3/0 into a reused buffer writer.</summary>
    [Benchmark]
    public int EncodeDeviceInstance()
    {
        _output.ResetWrittenCount();
        TlvCodec.Instance.TryEncode(DevicePath, _device, _models, _output, out _);
        return _output.WrittenCount;
    }
}
