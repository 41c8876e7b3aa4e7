using FastLwm2m.Lwm2m.Codecs;
using static FastLwm2m.Lwm2m.Tests.Codecs.ValueCodecTestHelpers;

namespace FastLwm2m.Lwm2m.Tests.Codecs;

/// <summary>The TLV examples of Core §7.4.3.2 (LwM2M 1.0 §6.4.3), decoded and re-encoded byte for byte.</summary>
public class TlvCodecTests
{
    private static readonly TlvCodec Codec = TlvCodec.Instance;

    // Core §7.4.3.2, Example A: Read /3/0 answered with the resource TLVs of the instance.
    internal const string DeviceInstanceHex =
        "C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65" // 0 Manufacturer "Open Mobile Alliance"
        + "C8 01 16 4C 69 67 68 74 77 65 69 67 68 74 20 4D 32 4D 20 43 6C 69 65 6E 74" // 1 Model Number "Lightweight M2M Client"
        + "C8 02 09 33 34 35 30 30 30 31 32 33" // 2 Serial Number "345000123"
        + "C3 03 31 2E 30" // 3 Firmware Version "1.0"
        + "86 06 41 00 01 41 01 05" // 6 Available Power Sources [0]=1 [1]=5
        + "88 07 08 42 00 0E D8 42 01 13 88" // 7 Power Source Voltage [0]=3800 [1]=5000
        + "87 08 41 00 7D 42 01 03 84" // 8 Power Source Current [0]=125 [1]=900
        + "C1 09 64" // 9 Battery Level 100
        + "C1 0A 0F" // 10 Memory Free 15
        + "83 0B 41 00 00" // 11 Error Code [0]=0
        + "C4 0D 51 82 42 8F" // 13 Current Time 1367491215
        + "C6 0E 2B 30 32 3A 30 30" // 14 UTC Offset "+02:00"
        + "C1 10 55"; // 16 Supported Binding and Modes "U"

    // The same inside an object instance TLV (0x79 = 121 bytes), as a Read of /3 answers it.
    private const string DeviceObjectHex = "08 00 79" + DeviceInstanceHex;

    // Core §7.4.3.2, Example B: Read /2, two Access Control instances; the second has ACL
    // instance 310, a 16-bit resource instance id (type 0x61).
    private const string AccessControlObjectHex =
        "08 00 0E C1 00 01 C1 01 00 83 02 41 7F 07 C1 03 7F"
        + "08 02 12 C1 00 03 C1 01 00 87 02 41 7F 07 61 01 36 01 C1 03 7F";

    // Core §7.4.3.2, Example C: Read /1, one Server instance; Lifetime 86400 takes 4 bytes.
    private const string ServerObjectHex = "08 00 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55";

    // Core §7.4.3.2, Objlnk examples: Read /65/0 and Read /66 (the second link is the null link).
    private const string Object65InstanceHex =
        "88 00 0C 44 00 00 42 00 00 44 01 00 42 00 01"
        + "C8 01 0D 38 36 31 33 38 30 30 37 35 35 35 30 30"
        + "C4 02 12 34 56 78";

    private const string Object66Hex =
        "08 00 26 C8 00 0B 6D 79 53 65 72 76 69 63 65 20 31 C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 34 C4 02 00 43 00 00"
        + "08 01 26 C8 00 0B 6D 79 53 65 72 76 69 63 65 20 32 C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 35 C4 02 FF FF FF FF";

    internal static Lwm2mObjectInstance DeviceInstance() => new(0,
    [
        Single(0, Str("Open Mobile Alliance")),
        Single(1, Str("Lightweight M2M Client")),
        Single(2, Str("345000123")),
        Single(3, Str("1.0")),
        Integers(6, (0, 1), (1, 5)),
        Integers(7, (0, 3800), (1, 5000)),
        Integers(8, (0, 125), (1, 900)),
        Single(9, Int(100)),
        Single(10, Int(15)),
        Integers(11, (0, 0)),
        Single(13, Lwm2mValue.FromUnixTime(1367491215)),
        Single(14, Str("+02:00")),
        Single(16, Str("U")),
    ]);

    private static Lwm2mObject AccessControlObject() => new(2,
    [
        new Lwm2mObjectInstance(0, [Single(0, Int(1)), Single(1, Int(0)), Integers(2, (127, 7)), Single(3, Int(127))]),
        new Lwm2mObjectInstance(2, [Single(0, Int(3)), Single(1, Int(0)), Integers(2, (127, 7), (310, 1)), Single(3, Int(127))]),
    ]);

    private static Lwm2mObject ServerObject() => new(1,
    [
        new Lwm2mObjectInstance(0, [Single(0, Int(1)), Single(1, Int(86400)), Single(6, Lwm2mValue.FromBoolean(true)), Single(7, Str("U"))]),
    ]);

    private static Lwm2mObjectInstance Object65Instance() => new(0,
    [
        Multiple(0, ResourceType.Objlnk, (0, Lwm2mValue.FromObjectLink(new(66, 0))), (1, Lwm2mValue.FromObjectLink(new(66, 1)))),
        Single(1, Str("8613800755500")),
        Single(2, Int(0x12345678)),
    ]);

    private static Lwm2mObject Object66() => new(66,
    [
        new Lwm2mObjectInstance(0, [Single(0, Str("myService 1")), Single(1, Str("Internet.15.234")), Single(2, Lwm2mValue.FromObjectLink(new(67, 0)))]),
        new Lwm2mObjectInstance(1, [Single(0, Str("myService 2")), Single(1, Str("Internet.15.235")), Single(2, Lwm2mValue.FromObjectLink(ObjectLink.Null))]),
    ]);

    public static TheoryData<string, string, Lwm2mNode> SpecExamples => new()
    {
        { "/3/0", DeviceInstanceHex, DeviceInstance() },
        { "/3", DeviceObjectHex, new Lwm2mObject(3, [DeviceInstance()]) },
        { "/2", AccessControlObjectHex, AccessControlObject() },
        { "/1", ServerObjectHex, ServerObject() },
        { "/65/0", Object65InstanceHex, Object65Instance() },
        { "/66", Object66Hex, Object66() },
        { "/3/0/0", "C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65", Single(0, Str("Open Mobile Alliance")) },
        { "/3/0/9", "C1 09 64", Single(9, Int(100)) },
        { "/3/0/13", "C4 0D 51 82 42 8F", Single(13, Lwm2mValue.FromUnixTime(1367491215)) },
        { "/3/0/6", "86 06 41 00 01 41 01 05", Integers(6, (0, 1), (1, 5)) },
        { "/3/0/7", "88 07 08 42 00 0E D8 42 01 13 88", Integers(7, (0, 3800), (1, 5000)) },
        { "/3/0/7/1", "42 01 13 88", new Lwm2mResourceInstance(1, Int(5000)) },
        { "/2/2/2/310", "61 01 36 01", new Lwm2mResourceInstance(310, Int(1)) },
    };

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void TryDecode_SpecExample_GivesTheNode(string path, string hex, Lwm2mNode expected)
    {
        Assert.Equal(expected, Codec.Decode(path, Hex(hex)));
    }

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void TryEncode_SpecExample_GivesTheSpecBytes(string path, string hex, Lwm2mNode node)
    {
        Assert.Equal(ToHex(Hex(hex)), ToHex(Codec.Encode(path, node)));
    }

    [Fact]
    public void DeviceExample_Is121Bytes_AsItsObjectInstanceHeaderSays()
    {
        Assert.Equal(0x79, Hex(DeviceInstanceHex).Length);
    }

    [Fact]
    public void TryDecode_InstancePathWithInstanceTlv_UnwrapsIt()
    {
        Assert.Equal(DeviceInstance(), Codec.Decode("/3/0", Hex(DeviceObjectHex)));
    }

    [Fact]
    public void TryDecode_SingleInstanceObjectAnsweredWithResources_IsInstanceZero()
    {
        // LwM2M 1.0 clients answer a Read of /3 with the resources of /3/0 and no instance TLV.
        Assert.Equal(new Lwm2mObject(3, [DeviceInstance()]), Codec.Decode("/3", Hex(DeviceInstanceHex)));
    }

    [Fact]
    public void TryDecode_MultipleResourceAsBareResourceInstances_IsAccepted()
    {
        Assert.Equal(Integers(6, (0, 1), (1, 5)), Codec.Decode("/3/0/6", Hex("41 00 01 41 01 05")));
    }

    [Fact]
    public void TryDecode_ResourceInsideInstanceTlv_UnwrapsIt()
    {
        Assert.Equal(Single(9, Int(100)), Codec.Decode("/3/0/9", Hex("03 00 C1 09 64")));
    }

    [Fact]
    public void TryDecode_ResourceInstanceInsideMultipleResourceTlv_UnwrapsIt()
    {
        Assert.Equal(new Lwm2mResourceInstance(1, Int(5)), Codec.Decode("/3/0/6/1", Hex("83 06 41 01 05")));
    }

    [Fact]
    public void TryDecode_UnknownObject_DecodesValuesAsOpaque()
    {
        var node = Codec.Decode("/9999/0", Hex("C1 00 05 83 01 41 00 2A"));
        Assert.Equal(new Lwm2mObjectInstance(0,
        [
            Single(0, Lwm2mValue.FromOpaque([5])),
            Multiple(1, ResourceType.Opaque, (0, Lwm2mValue.FromOpaque([42]))),
        ]), node);
    }

    [Fact]
    public void TryDecode_EmptyPayloadAtInstance_IsAnEmptyInstance()
    {
        Assert.Equal(new Lwm2mObjectInstance(0, []), Codec.Decode("/3/0", []));
        Assert.Equal(new Lwm2mObject(2, []), Codec.Decode("/2", []));
    }

    [Fact]
    public void TryEncode_EmptyMultipleResource_IsAnEmptyMultipleResourceTlv()
    {
        var empty = new Lwm2mMultipleResource(11, ResourceType.Integer, []);
        Assert.Equal("800B", ToHex(Codec.Encode("/3/0/11", empty)));
        Assert.Equal(empty, Codec.Decode("/3/0/11", Hex("80 0B")));
    }

    [Theory]
    [InlineData(0L, "C1 01 00")]
    [InlineData(127L, "C1 01 7F")]
    [InlineData(-128L, "C1 01 80")]
    [InlineData(128L, "C2 01 00 80")]
    [InlineData(-129L, "C2 01 FF 7F")]
    [InlineData(32768L, "C4 01 00 00 80 00")]
    [InlineData(86400L, "C4 01 00 01 51 80")]
    [InlineData(2147483648L, "C8 01 08 00 00 00 00 80 00 00 00")]
    [InlineData(long.MinValue, "C8 01 08 80 00 00 00 00 00 00 00")]
    public void TryEncode_Integer_TakesTheShortestOf1248Bytes(long value, string hex)
    {
        Assert.Equal(ToHex(Hex(hex)), ToHex(Codec.Encode("/9000/0/1", Single(1, Int(value)))));
        Assert.Equal(Single(1, Int(value)), Codec.Decode("/9000/0/1", Hex(hex)));
    }

    [Theory]
    [InlineData(200UL, "C1 02 C8")]
    [InlineData(65535UL, "C2 02 FF FF")]
    [InlineData(65536UL, "C4 02 00 01 00 00")]
    [InlineData(ulong.MaxValue, "C8 02 08 FF FF FF FF FF FF FF FF")]
    public void TryEncode_UnsignedInteger_TakesTheShortestUnsignedWidth(ulong value, string hex)
    {
        var node = Single(2, Lwm2mValue.FromUnsignedInteger(value));
        Assert.Equal(ToHex(Hex(hex)), ToHex(Codec.Encode("/9000/0/2", node)));
        Assert.Equal(node, Codec.Decode("/9000/0/2", Hex(hex)));
    }

    [Theory]
    [InlineData(1.5, "C4 03 3F C0 00 00")]
    [InlineData(-0.0, "C4 03 80 00 00 00")]
    [InlineData(double.PositiveInfinity, "C4 03 7F 80 00 00")]
    [InlineData(0.1, "C8 03 08 3F B9 99 99 99 99 99 9A")]
    [InlineData(double.NaN, "C8 03 08 FF F8 00 00 00 00 00 00")]
    [InlineData(1e300, "C8 03 08 7E 37 E4 3C 88 00 75 9C")]
    public void TryEncode_Float_Takes4BytesOnlyWhenExact(double value, string hex)
    {
        var node = Single(3, Lwm2mValue.FromFloat(value));
        Assert.Equal(ToHex(Hex(hex)), ToHex(Codec.Encode("/9000/0/3", node)));
        Assert.Equal(node, Codec.Decode("/9000/0/3", Hex(hex)));
    }

    [Fact]
    public void TryEncode_16BitIdsAndLongValue_UseWideHeaderFields()
    {
        // Type 0xF0: resource with value, 16-bit id, 16-bit length (Core Table 7.4.3-1).
        var node = Single(ValueCodecModels.WideId, Str(new string('x', 300)));
        byte[] bytes = Codec.Encode("/9000/0/300", node);
        Assert.Equal("F0012C012C", ToHex(bytes.AsSpan(0, 5)));
        Assert.Equal(305, bytes.Length);
        Assert.Equal(node, Codec.Decode("/9000/0/300", bytes));
    }

    [Fact]
    public void TryEncode_ValueOver64KiB_Uses24BitLength()
    {
        var node = Single(5, Lwm2mValue.FromOpaque(new byte[70000]));
        byte[] bytes = Codec.Encode("/9000/0/5", node);
        Assert.Equal("D805011170", ToHex(bytes.AsSpan(0, 5)));
        Assert.Equal(node, Codec.Decode("/9000/0/5", bytes));
    }

    [Fact]
    public void TryEncode_ObjectInstanceAtObjectPath_IsRefused()
    {
        string error = Codec.EncodeError("/3", DeviceInstance());
        Assert.Equal("TLV: the node at /3 must be an object, not Lwm2mObjectInstance", error);
        Assert.False(Codec.CanEncode(Lwm2mPath.Parse("/3"), DeviceInstance()));
        Assert.True(Codec.CanEncode(Lwm2mPath.Parse("/3/0"), DeviceInstance()));
    }

    [Fact]
    public void TryEncode_IdNotMatchingThePath_IsRefused()
    {
        Assert.Equal("TLV: node id 9 does not match the path /3/0/10", Codec.EncodeError("/3/0/10", Single(9, Int(100))));
    }

    [Fact]
    public void TryEncode_ValueWithoutType_IsRefusedAndWritesNothing()
    {
        var instance = new Lwm2mObjectInstance(0, [Single(0, Str("ok")), Single(1, default)]);
        Assert.Equal("TLV: /3/0/1 has no value (type None)", Codec.EncodeError("/3/0", instance));
    }

    [Fact]
    public void TryEncode_MultipleResourceOver16MiB_IsRefused()
    {
        var big = Lwm2mValue.FromOpaque(new byte[TlvWriter.MaxValueLength - 2]);
        var resource = Multiple(15, ResourceType.Opaque, (0, big), (1, Lwm2mValue.FromOpaque([1])));
        Assert.Equal("TLV: /9000/0/15 is 16777221 bytes, more than the 16777215 a TLV can hold", Codec.EncodeError("/9000/0/15", resource));
    }

    [Fact]
    public void TryDecode_RootPath_IsRefused()
    {
        Assert.Equal("TLV: the root path / has no TLV form (read an object, instance or resource)", Codec.DecodeError("/", Hex("C1 09 64")));
        Assert.Equal("TLV: the root path / has no TLV form (encode an object, instance or resource)", Codec.EncodeError("/", DeviceInstance()));
    }
}
