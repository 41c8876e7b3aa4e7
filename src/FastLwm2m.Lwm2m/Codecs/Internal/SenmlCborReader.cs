using System.Formats.Cbor;
using System.Globalization;
using System.Text;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Reads a SenML CBOR pack (RFC 8428 §6, LwM2M Core §7.4.5) into resolved records: an array of maps
/// keyed by the integer labels of Table 6 (bn -2, bt -3, n 0, v 2, vs 3, vb 4, t 6, vd 8) and the
/// text label "vlo". Never throws on bad input.
/// </summary>
internal static class SenmlCborReader
{
    private const int MaxTextLabelLength = 32;
    private const int MaxObjectLinkLength = 16;

    public static bool TryRead(ReadOnlySpan<byte> payload, List<CompositeRecord> records, TimeProvider clock, out string? error)
    {
        var reader = CompositeCache.RentReader(payload, out byte[] pooled);
        try
        {
            return TryReadCore(reader, records, clock, out error);
        }
        catch (Exception e) when (CompositeFailure.IsMalformedInput(e))
        {
            error = CompositeFailure.Describe(e);
            return false;
        }
        finally
        {
            CompositeCache.Return(reader, pooled);
        }
    }

    private static bool TryReadCore(CborReader reader, List<CompositeRecord> records, TimeProvider clock, out string? error)
    {
        if (reader.BytesRemaining == 0 || reader.PeekState() != CborReaderState.StartArray)
        {
            error = "a SenML CBOR pack is an array of records (RFC 8428 §6)";
            return false;
        }

        reader.ReadStartArray();
        Span<char> baseName = stackalloc char[CompositePathText.MaxNameLength];
        Span<char> name = stackalloc char[CompositePathText.MaxNameLength];
        var state = new SenmlRecordState(baseName, name, records, clock, CompositeTimeRule.Senml, prependSlash: false);
        while (reader.PeekState() != CborReaderState.EndArray)
        {
            if (reader.PeekState() != CborReaderState.StartMap)
            {
                error = $"record {state.Index.ToString(CultureInfo.InvariantCulture)}: a record is a CBOR map, not {reader.PeekState()}";
                return false;
            }

            reader.ReadStartMap();
            while (reader.PeekState() != CborReaderState.EndMap)
            {
                var field = ReadLabel(reader);
                if (!state.TryMarkSeen(field, out error) || !TryReadField(reader, field, ref state, out error))
                {
                    return false;
                }
            }

            reader.ReadEndMap();
            if (!state.TryEndRecord(out error))
            {
                return false;
            }
        }

        reader.ReadEndArray();
        if (reader.BytesRemaining != 0)
        {
            error = "data after the SenML pack";
            return false;
        }

        error = null;
        return true;
    }

    private static SenmlField ReadLabel(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                ulong positive = reader.ReadUInt64();
                return positive <= int.MaxValue ? SenmlLabels.FromLabel((long)positive) : SenmlField.Ignored;

            case CborReaderState.NegativeInteger:
                ulong negative = reader.ReadCborNegativeIntegerRepresentation();
                return negative < int.MaxValue ? SenmlLabels.FromLabel(-1 - (long)negative) : SenmlField.Ignored;

            case CborReaderState.TextString:
                Span<char> label = stackalloc char[MaxTextLabelLength];
                if (!reader.TryReadTextString(label, out int length))
                {
                    string longLabel = reader.ReadTextString();
                    return longLabel.EndsWith('_') ? SenmlField.MustUnderstand : SenmlField.Ignored;
                }

                Span<byte> utf8 = stackalloc byte[MaxTextLabelLength * 3];
                int bytes = Encoding.UTF8.GetBytes(label[..length], utf8);
                return SenmlLabels.FromName(utf8[..bytes]);

            default:
                reader.SkipValue();
                return SenmlField.Ignored;
        }
    }

    private static bool TryReadField(CborReader reader, SenmlField field, scoped ref SenmlRecordState state, out string? error)
    {
        error = null;
        switch (field)
        {
            case SenmlField.BaseName:
                if (!TryReadName(reader, state.BaseNameBuffer, "bn", state.Index, out int baseLength, out error))
                {
                    return false;
                }

                state.SetBaseNameLength(baseLength);
                return true;

            case SenmlField.Name:
                if (!TryReadName(reader, state.NameBuffer, "n", state.Index, out int nameLength, out error))
                {
                    return false;
                }

                state.SetNameLength(nameLength);
                return true;

            case SenmlField.BaseTime:
            case SenmlField.Time:
                if (!CborValueReader.TryReadNumber(reader, out var time))
                {
                    error = state.Expected(field == SenmlField.Time ? "t" : "bt", "a number");
                    return false;
                }

                double seconds = time.Kind switch
                {
                    CompositeValueKind.Integer => time.Integer,
                    CompositeValueKind.UnsignedInteger => time.UnsignedInteger,
                    _ => time.Float,
                };
                state.SetTime(field, seconds);
                return true;

            case SenmlField.Value:
                if (!CborValueReader.TryReadNumber(reader, out var number))
                {
                    error = state.Expected("v", "a number");
                    return false;
                }

                state.Value = number;
                return true;

            case SenmlField.StringValue:
                if (reader.PeekState() is not (CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString))
                {
                    error = state.Expected("vs", "a text string");
                    return false;
                }

                state.Value = CompositeValue.FromString(reader.ReadTextString());
                return true;

            case SenmlField.BooleanValue:
                if (reader.PeekState() != CborReaderState.Boolean)
                {
                    error = state.Expected("vb", "a boolean");
                    return false;
                }

                state.Value = CompositeValue.FromBoolean(reader.ReadBoolean());
                return true;

            case SenmlField.DataValue:
                if (reader.PeekState() is not (CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString))
                {
                    error = state.Expected("vd", "a byte string");
                    return false;
                }

                state.Value = CompositeValue.FromOpaque(reader.ReadByteString());
                return true;

            case SenmlField.ObjectLinkValue:
                Span<char> text = stackalloc char[MaxObjectLinkLength];
                if (reader.PeekState() != CborReaderState.TextString || !reader.TryReadTextString(text, out int linkLength)
                    || !ObjectLink.TryParse(text[..linkLength], out var link))
                {
                    error = state.Expected("vlo", "an object link \"objectId:instanceId\"");
                    return false;
                }

                state.Value = CompositeValue.FromObjectLink(link);
                return true;

            case SenmlField.Unsupported:
            case SenmlField.MustUnderstand:
                error = state.Rejected(field, "label");
                return false;

            default:
                reader.SkipValue();
                return true;
        }
    }

    private static bool TryReadName(CborReader reader, Span<char> buffer, string field, int index, out int length, out string? error)
    {
        length = 0;
        error = null;
        if (reader.PeekState() is not (CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString))
        {
            error = $"record {index.ToString(CultureInfo.InvariantCulture)}: {field} must be a text string";
            return false;
        }

        if (!reader.TryReadTextString(buffer, out length))
        {
            error = $"record {index.ToString(CultureInfo.InvariantCulture)}: {field} is longer than {buffer.Length.ToString(CultureInfo.InvariantCulture)} characters";
            return false;
        }

        return true;
    }
}
