using System.Formats.Cbor;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// SenML CBOR records (RFC 8428 §6): definite-length maps with the integer labels of Table 6, the
/// text label "vlo" for object links (Core §7.4.5), byte strings for opaque, and floats in the
/// shortest of half, single and double precision that holds the value exactly.
/// </summary>
internal readonly struct SenmlCborRecordWriter(CborWriter cbor) : ISenmlRecordWriter
{
    public void StartPack(int count) => cbor.WriteStartArray(count);

    public void EndPack() => cbor.WriteEndArray();

    public void WriteRecord(ReadOnlySpan<char> baseName, ReadOnlySpan<char> name, in CompositeLeaf leaf)
    {
        bool hasValue = leaf.Kind == CompositeLeafKind.Value;
        int count = (baseName.IsEmpty ? 0 : 1) + (name.IsEmpty ? 0 : 1) + (leaf.Time.HasValue ? 1 : 0) + (hasValue ? 1 : 0);
        cbor.WriteStartMap(count);
        if (!baseName.IsEmpty)
        {
            cbor.WriteInt32(SenmlLabels.BaseName);
            cbor.WriteTextString(baseName);
        }

        if (!name.IsEmpty)
        {
            cbor.WriteInt32(SenmlLabels.Name);
            cbor.WriteTextString(name);
        }

        if (leaf.Time is { } time)
        {
            cbor.WriteInt32(SenmlLabels.Time);
            if (CompositeTime.IsWholeSecond(time, out long seconds))
            {
                cbor.WriteInt64(seconds);
            }
            else
            {
                WriteFloat(cbor, CompositeTime.ToSeconds(time));
            }
        }

        if (hasValue)
        {
            WriteValue(leaf.Value);
        }

        cbor.WriteEndMap();
    }

    /// <summary>
    /// The shortest IEEE 754 encoding that keeps <paramref name="value"/> exactly (RFC 8949 §4.2.2),
    /// negative zero included. Any NaN is written as the canonical quiet NaN f9 7e00 (System.Formats.Cbor
    /// does so, as §4.2.2 prefers): its sign and payload are not kept.
    /// </summary>
    public static void WriteFloat(CborWriter cbor, double value)
    {
        float single = (float)value;
        if (BitConverter.DoubleToInt64Bits(single) != BitConverter.DoubleToInt64Bits(value))
        {
            cbor.WriteDouble(value);
            return;
        }

        var half = (Half)single;
        if (BitConverter.SingleToInt32Bits((float)half) == BitConverter.SingleToInt32Bits(single))
        {
            cbor.WriteHalf(half);
        }
        else
        {
            cbor.WriteSingle(single);
        }
    }

    private void WriteValue(in Lwm2mValue value)
    {
        switch (value.Type)
        {
            case ResourceType.String:
            case ResourceType.Corelnk:
                cbor.WriteInt32(SenmlLabels.StringValue);
                cbor.WriteTextString(value.AsString());
                break;
            case ResourceType.Integer:
                cbor.WriteInt32(SenmlLabels.Value);
                cbor.WriteInt64(value.AsInteger());
                break;
            case ResourceType.Time:
                cbor.WriteInt32(SenmlLabels.Value);
                cbor.WriteInt64(value.AsUnixTime());
                break;
            case ResourceType.UnsignedInteger:
                cbor.WriteInt32(SenmlLabels.Value);
                cbor.WriteUInt64(value.AsUnsignedInteger());
                break;
            case ResourceType.Float:
                cbor.WriteInt32(SenmlLabels.Value);
                WriteFloat(cbor, value.AsFloat());
                break;
            case ResourceType.Boolean:
                cbor.WriteInt32(SenmlLabels.BooleanValue);
                cbor.WriteBoolean(value.AsBoolean());
                break;
            case ResourceType.Opaque:
                cbor.WriteInt32(SenmlLabels.DataValue);
                cbor.WriteByteString(value.AsOpaque());
                break;
            case ResourceType.Objlnk:
                cbor.WriteTextString(SenmlLabels.ObjectLinkValue);
                Span<char> link = stackalloc char[16];
                cbor.WriteTextString(SenmlJsonRecordWriter.FormatLink(value.AsObjectLink(), link));
                break;
        }
    }
}
