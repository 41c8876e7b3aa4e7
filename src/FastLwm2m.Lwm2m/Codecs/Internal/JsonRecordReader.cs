using System.Globalization;
using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Reads one JSON record into a <see cref="SenmlRecordState"/> by the same rules in SenML JSON and
/// LwM2M 1.0 JSON (only the field names of an <see cref="IJsonRecordFields"/> differ): a number in v
/// (the narrowest of long, ulong, double; finite), a string in the string field, true or false in
/// the boolean field, "objectId:instanceId" in the object link field, a finite number in t and bt.
/// </summary>
internal static class JsonRecordReader
{
    private const int MaxObjectLinkLength = 16; // "65535:65535" and some slack

    public static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>The record object <paramref name="reader"/> is on, up to its end, resolved and added by <paramref name="state"/>.</summary>
    public static bool TryReadRecord<TFields>(ref Utf8JsonReader reader, scoped ref SenmlRecordState state, out string? error)
        where TFields : struct, IJsonRecordFields
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = $"{TFields.Record} {state.Index.ToString(CultureInfo.InvariantCulture)}: {TFields.ARecord} is a JSON object, not {reader.TokenType}";
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = TFields.Identify(ref reader);
            if (!state.TryMarkSeen(field, out error))
            {
                return false;
            }

            reader.Read();
            if (!TryReadField<TFields>(ref reader, field, ref state, out error))
            {
                return false;
            }
        }

        return state.TryEndRecord(out error);
    }

    private static bool TryReadField<TFields>(ref Utf8JsonReader reader, SenmlField field, scoped ref SenmlRecordState state, out string? error)
        where TFields : struct, IJsonRecordFields
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
                    error = state.Expected(TFields.Record, TFields.NameOf(field), "a number");
                    return false;
                }

                state.SetTime(field, seconds);
                return true;

            case SenmlField.BaseVersion:
                if (reader.TokenType != JsonTokenType.Number)
                {
                    error = state.Expected(TFields.Record, TFields.NameOf(field), "a number");
                    return false;
                }

                return true;

            case SenmlField.Value:
                if (!TryReadNumber(ref reader, out var number))
                {
                    error = state.Expected(TFields.Record, TFields.NameOf(field), "a finite number");
                    return false;
                }

                state.Value = number;
                return true;

            case SenmlField.StringValue:
                if (reader.TokenType != JsonTokenType.String)
                {
                    error = state.Expected(TFields.Record, TFields.NameOf(field), "a string");
                    return false;
                }

                state.Value = CompositeValue.FromString(reader.GetString()!);
                return true;

            case SenmlField.BooleanValue:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    error = state.Expected(TFields.Record, TFields.NameOf(field), "true or false");
                    return false;
                }

                state.Value = CompositeValue.FromBoolean(reader.TokenType == JsonTokenType.True);
                return true;

            case SenmlField.DataValue:
                if (reader.TokenType != JsonTokenType.String || !CompositeBase64.TryDecode(reader.GetString()!, out byte[] bytes))
                {
                    error = state.Expected(TFields.Record, TFields.NameOf(field), "base64url text (RFC 8428 §4.3)");
                    return false;
                }

                state.Value = CompositeValue.FromOpaque(bytes);
                return true;

            case SenmlField.ObjectLinkValue:
                Span<char> text = stackalloc char[MaxObjectLinkLength];
                if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxObjectLinkLength
                    || !ObjectLink.TryParse(text[..reader.CopyString(text)], out var link))
                {
                    error = state.Expected(TFields.Record, TFields.NameOf(field), "an object link \"objectId:instanceId\"");
                    return false;
                }

                state.Value = CompositeValue.FromObjectLink(link);
                return true;

            case SenmlField.Unsupported:
            case SenmlField.MustUnderstand:
                error = state.Rejected(field, "name");
                return false;

            default:
                reader.Skip();
                return true;
        }
    }

    /// <summary>A JSON number as the narrowest of long, ulong, double (the model decides the LwM2M type later).</summary>
    private static bool TryReadNumber(ref Utf8JsonReader reader, out CompositeValue value)
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

    /// <summary>A JSON string name (bn or n) into <paramref name="buffer"/>; messages name the record "record <paramref name="index"/>".</summary>
    public static bool TryCopyName(ref Utf8JsonReader reader, Span<char> buffer, string field, int index, out int length, out string? error)
    {
        length = 0;
        error = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            error = $"record {index.ToString(CultureInfo.InvariantCulture)}: {field} must be a string";
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
}
