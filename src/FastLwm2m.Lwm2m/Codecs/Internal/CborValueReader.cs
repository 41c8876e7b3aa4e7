using System.Formats.Cbor;
using System.Globalization;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Reads one CBOR data item as a composite value, for SenML CBOR (RFC 8428 §6) and LwM2M CBOR
/// (Core 1.2 §7.4.7): integers (major types 0/1), half/single/double floats, text, byte strings
/// (definite or chunked), booleans, and the tags peers use for numbers: 1 (epoch time, RFC 8949
/// §3.4.2) and 4 (decimal fraction, §3.4.4).
/// </summary>
internal static class CborValueReader
{
    public static bool TryReadNumber(CborReader reader, out CompositeValue value)
    {
        value = default;
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                value = CompositeValue.FromUnsigned(reader.ReadUInt64());
                return true;

            case CborReaderState.NegativeInteger:
                // -1 - n; below long.MinValue when n > long.MaxValue.
                ulong n = reader.ReadCborNegativeIntegerRepresentation();
                if (n > long.MaxValue)
                {
                    return false;
                }

                value = CompositeValue.FromInteger(-1 - (long)n);
                return true;

            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                value = CompositeValue.FromFloat(reader.ReadDouble());
                return true;

            case CborReaderState.Tag:
                var tag = reader.PeekTag();
                if (tag == CborTag.DecimalFraction)
                {
                    value = CompositeValue.FromFloat((double)reader.ReadDecimal());
                    return true;
                }

                if (tag == CborTag.UnixTimeSeconds)
                {
                    reader.ReadTag();
                    return reader.PeekState() != CborReaderState.Tag && TryReadNumber(reader, out value);
                }

                return false;

            default:
                return false;
        }
    }

    /// <summary>Any value item; false (with the reason) for maps, arrays, null, undefined and unknown tags.</summary>
    public static bool TryReadValue(CborReader reader, out CompositeValue value, out string? error)
    {
        error = null;
        var state = reader.PeekState();
        switch (state)
        {
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                value = CompositeValue.FromString(reader.ReadTextString());
                return true;

            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                value = CompositeValue.FromOpaque(reader.ReadByteString());
                return true;

            case CborReaderState.Boolean:
                value = CompositeValue.FromBoolean(reader.ReadBoolean());
                return true;

            default:
                if (TryReadNumber(reader, out value))
                {
                    return true;
                }

                error = state == CborReaderState.Tag
                    ? $"unsupported CBOR tag {((ulong)reader.PeekTag()).ToString(CultureInfo.InvariantCulture)} (only 1, epoch time, and 4, decimal fraction, carry values)"
                    : state is CborReaderState.NegativeInteger
                        ? "a negative integer below -2^63"
                        : $"a value, not {state}";
                return false;
        }
    }
}
