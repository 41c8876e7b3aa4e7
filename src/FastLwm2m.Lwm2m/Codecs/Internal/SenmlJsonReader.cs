using System.Globalization;
using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Reads a SenML JSON pack (RFC 8428 §5, LwM2M Core §7.4.5) into resolved records: an array of
/// objects with bn, bt, n, t and one of v, vs, vb, vd (base64url), vlo. Never throws on bad input.
/// </summary>
internal static class SenmlJsonReader
{
    private const int MaxObjectLinkLength = 16; // "65535:65535" and some slack

    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    public static bool TryRead(ReadOnlySpan<byte> payload, List<CompositeRecord> records, TimeProvider clock, out string? error)
    {
        try
        {
            return TryReadCore(payload, records, clock, out error);
        }
        catch (Exception e) when (CompositeFailure.IsMalformedInput(e))
        {
            error = CompositeFailure.Describe(e);
            return false;
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> payload, List<CompositeRecord> records, TimeProvider clock, out string? error)
    {
        if (payload.IsEmpty)
        {
            error = "empty payload: a SenML JSON pack is an array of records (RFC 8428 §5)";
            return false;
        }

        scoped var reader = new Utf8JsonReader(payload, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            error = "a SenML JSON pack is an array of records (RFC 8428 §5)";
            return false;
        }

        Span<char> baseName = stackalloc char[CompositePathText.MaxNameLength];
        Span<char> name = stackalloc char[CompositePathText.MaxNameLength];
        var state = new SenmlRecordState(baseName, name, records, clock, CompositeTimeRule.Senml, prependSlash: false);
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = $"record {state.Index.ToString(CultureInfo.InvariantCulture)}: a record is a JSON object, not {reader.TokenType}";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = Identify(ref reader);
                if (!state.TryMarkSeen(field, out error))
                {
                    return false;
                }

                reader.Read();
                if (!TryReadField(ref reader, field, ref state, out error))
                {
                    return false;
                }
            }

            if (!state.TryEndRecord(out error))
            {
                return false;
            }
        }

        if (reader.Read())
        {
            error = "data after the SenML pack";
            return false;
        }

        error = null;
        return true;
    }

    private static SenmlField Identify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return SenmlLabels.FromName(reader.ValueSpan);
        }

        Span<byte> unescaped = stackalloc byte[32];
        return reader.ValueSpan.Length <= unescaped.Length
            ? SenmlLabels.FromName(unescaped[..reader.CopyString(unescaped)])
            : SenmlField.Ignored;
    }

    private static bool TryReadField(ref Utf8JsonReader reader, SenmlField field, scoped ref SenmlRecordState state, out string? error)
    {
        error = null;
        switch (field)
        {
            case SenmlField.BaseName:
                if (!TryCopyName(ref reader, state.BaseNameBuffer, "bn", state.Index, out int baseLength, out error))
                {
                    return false;
                }

                state.SetBaseNameLength(baseLength);
                return true;

            case SenmlField.Name:
                if (!TryCopyName(ref reader, state.NameBuffer, "n", state.Index, out int nameLength, out error))
                {
                    return false;
                }

                state.SetNameLength(nameLength);
                return true;

            case SenmlField.BaseTime:
            case SenmlField.Time:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double seconds) || !double.IsFinite(seconds))
                {
                    error = Expected(state.Index, field == SenmlField.Time ? "t" : "bt", "a number");
                    return false;
                }

                if (field == SenmlField.Time)
                {
                    state.SetTime(seconds);
                }
                else
                {
                    state.SetBaseTime(seconds);
                }

                return true;

            case SenmlField.BaseVersion:
                if (reader.TokenType != JsonTokenType.Number)
                {
                    error = Expected(state.Index, "bver", "a number");
                    return false;
                }

                return true;

            case SenmlField.Value:
                if (!TryReadNumber(ref reader, out var number))
                {
                    error = Expected(state.Index, "v", "a finite number");
                    return false;
                }

                state.Value = number;
                return true;

            case SenmlField.StringValue:
                if (reader.TokenType != JsonTokenType.String)
                {
                    error = Expected(state.Index, "vs", "a string");
                    return false;
                }

                state.Value = CompositeValue.FromString(reader.GetString()!);
                return true;

            case SenmlField.BooleanValue:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    error = Expected(state.Index, "vb", "true or false");
                    return false;
                }

                state.Value = CompositeValue.FromBoolean(reader.TokenType == JsonTokenType.True);
                return true;

            case SenmlField.DataValue:
                if (reader.TokenType != JsonTokenType.String || !CompositeBase64.TryDecode(reader.GetString()!, out byte[] bytes))
                {
                    error = Expected(state.Index, "vd", "base64url text (RFC 8428 §4.3)");
                    return false;
                }

                state.Value = CompositeValue.FromOpaque(bytes);
                return true;

            case SenmlField.ObjectLinkValue:
                Span<char> text = stackalloc char[MaxObjectLinkLength];
                if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxObjectLinkLength
                    || !ObjectLink.TryParse(text[..reader.CopyString(text)], out var link))
                {
                    error = Expected(state.Index, "vlo", "an object link \"objectId:instanceId\"");
                    return false;
                }

                state.Value = CompositeValue.FromObjectLink(link);
                return true;

            case SenmlField.Unsupported:
                error = $"record {state.Index.ToString(CultureInfo.InvariantCulture)}: base value and base sum (bv, bs) are not used by LwM2M";
                return false;

            case SenmlField.MustUnderstand:
                error = $"record {state.Index.ToString(CultureInfo.InvariantCulture)}: unknown must-understand field (name ending in '_', RFC 8428 §4.4)";
                return false;

            default:
                reader.Skip();
                return true;
        }
    }

    /// <summary>A JSON number as the narrowest of long, ulong, double (the model decides the LwM2M type later).</summary>
    internal static bool TryReadNumber(ref Utf8JsonReader reader, out CompositeValue value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (reader.TryGetInt64(out long integer))
        {
            // "-0" is the negative zero a float resource may hold; as an integer it is plain 0.
            value = integer == 0 && reader.ValueSpan[0] == (byte)'-' ? CompositeValue.FromFloat(-0.0) : CompositeValue.FromInteger(integer);
            return true;
        }

        if (reader.TryGetUInt64(out ulong unsigned))
        {
            value = CompositeValue.FromUnsigned(unsigned);
            return true;
        }

        if (reader.TryGetDouble(out double d) && double.IsFinite(d))
        {
            value = CompositeValue.FromFloat(d);
            return true;
        }

        return false;
    }

    internal static bool TryCopyName(ref Utf8JsonReader reader, Span<char> buffer, string field, int index, out int length, out string? error)
    {
        length = 0;
        error = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            error = Expected(index, field, "a string");
            return false;
        }

        if (reader.ValueSpan.Length > buffer.Length)
        {
            error = $"record {index.ToString(CultureInfo.InvariantCulture)}: {field} is longer than {buffer.Length.ToString(CultureInfo.InvariantCulture)} characters";
            return false;
        }

        length = reader.CopyString(buffer);
        return true;
    }

    private static string Expected(int index, string field, string what) =>
        $"record {index.ToString(CultureInfo.InvariantCulture)}: {field} must be {what}";
}
